package dev.backfire.local.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * One line of progress, redrawn in place on a terminal and printed every few seconds otherwise (CI logs):
 * runs done of total, failures, messages per second and the time left.
 */
final class ProgressBar {
    private static final int WIDTH = 24;
    private static final long PLAIN_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private long lastPlainNanos;

    ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void update(long done, long failed, long total, long messages, long expectedMessages) {
        double elapsed = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        double rate = messages / elapsed;
        double fraction = expectedMessages == 0 ? 0 : (double) messages / expectedMessages;
        int filled = (int) Math.round(fraction * WIDTH);
        String eta = rate <= 0 ? "--" : formatSeconds((expectedMessages - messages) / rate);
        String line = String.format(Locale.ROOT, "[%s%s] runs %d/%d  failed %d  %.0f msg/s  ETA %s",
                "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, failed, rate, eta);
        if (terminal) {
            out.print("\r" + line + "   ");
            out.flush();
        } else if (System.nanoTime() - lastPlainNanos > PLAIN_EVERY_NANOS || done + failed == total) {
            lastPlainNanos = System.nanoTime();
            out.println(line);
        }
    }

    void finish() {
        if (terminal) {
            out.println();
        }
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static String formatSeconds(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s" : s + "s";
    }
}
