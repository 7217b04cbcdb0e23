package dev.backfire.orchestrator.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The orchestrator's heartbeat: at start-up it resumes every unfinished run (re-issuing the missing
 * requests of the turn each run was in), then it admits pending runs and repairs stalled turns on a
 * fixed interval.
 */
@ApplicationScoped
public class DispatchTicker {
    private static final Logger LOG = Logger.getLogger(DispatchTicker.class);
    private final RunDriver driver;
    private final RunGauges gauges;

    public DispatchTicker(RunDriver driver, RunGauges gauges) {
        this.driver = driver;
        this.gauges = gauges;
    }

    void onStart(@Observes StartupEvent event) {
        driver.reissueStalled(true);
        driver.admit();
        LOG.info("orchestrator resumed unfinished runs");
    }

    @Scheduled(every = "${backfire.orchestrator.dispatch-interval:5s}", delayed = "${backfire.orchestrator.dispatch-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        driver.reissueStalled(false);
        driver.admit();
        gauges.refresh();
    }
}
