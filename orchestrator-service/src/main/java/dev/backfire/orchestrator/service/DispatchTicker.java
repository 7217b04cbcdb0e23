package dev.backfire.orchestrator.service;

import dev.backfire.orchestrator.config.OrchestratorConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The orchestrator's heartbeat. At start-up it publishes run events an interrupted delivery left in the
 * outbox and resumes every unfinished run (planning the missing replies of the turn each run was in).
 * Then, on a short interval, it offers held-back turn requests to the admission limits again (a rate
 * allowance refills with time, not only with replies); and on a longer one it admits pending runs,
 * repairs stalled turns and refreshes the run gauges, as a safety net.
 */
@ApplicationScoped
public class DispatchTicker {
    private static final Logger LOG = Logger.getLogger(DispatchTicker.class);
    private final RunDriver driver;
    private final Outbox outbox;
    private final RunGauges gauges;
    private final OrchestratorConfig config;

    public DispatchTicker(RunDriver driver, Outbox outbox, RunGauges gauges, OrchestratorConfig config) {
        this.driver = driver;
        this.outbox = outbox;
        this.gauges = gauges;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        outbox.redeliver(java.time.Duration.ZERO);
        driver.reissueStalled(true);
        driver.admit();
        LOG.info("orchestrator resumed unfinished runs");
    }

    @Scheduled(every = "${backfire.orchestrator.admission.drain-interval:100ms}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void drain() {
        driver.drain();
    }

    @Scheduled(every = "${backfire.orchestrator.dispatch-interval:5s}", delayed = "${backfire.orchestrator.dispatch-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        outbox.redeliver(config.dispatchInterval());
        driver.reissueStalled(false);
        driver.admit();
        gauges.refresh();
    }
}
