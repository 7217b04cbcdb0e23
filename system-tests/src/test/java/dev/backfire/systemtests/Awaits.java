package dev.backfire.systemtests;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for an effect with a deadline, polling; fails with what was awaited. Never a bare sleep. */
final class Awaits {
    private static final long POLL_MS = 250;

    private Awaits() {
    }

    static void until(String what, Duration deadline, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(POLL_MS);
        }
        throw new AssertionError("timed out after " + deadline.toSeconds() + " s waiting until " + what);
    }
}
