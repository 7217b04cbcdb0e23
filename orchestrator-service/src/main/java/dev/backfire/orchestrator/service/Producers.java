package dev.backfire.orchestrator.service;

import dev.backfire.protocol.scenario.ScenarioLibrary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Builds the plain (non-CDI) protocol classes once. */
@ApplicationScoped
public class Producers {
    @Produces
    @ApplicationScoped
    ScenarioLibrary scenarios() {
        return ScenarioLibrary.loadBundled();
    }

    @Produces
    @ApplicationScoped
    TurnPlanner turnPlanner(ScenarioLibrary scenarios) {
        return new TurnPlanner(scenarios);
    }
}
