/**
 * The statistics of ANALYSIS.md as small, plain, stateless classes (no CDI, no I/O).
 *
 * <p>Conventions shared by every class here:
 * <ul>
 *   <li>All tests are two-sided; p-values are computed from the lower tail at {@code -|statistic|}
 *       and doubled, so very small p-values keep their relative precision.</li>
 *   <li>Inputs are validated before anything is computed. A caller error (null, mismatched lengths,
 *       values out of range) raises {@link java.lang.IllegalArgumentException}. Data for which the
 *       statistic is mathematically undefined (too few observations, zero variance, a single level)
 *       raise the subclass {@link dev.backfire.analysis.stats.UndefinedStatisticException}, which
 *       the study analyzer turns into a {@code null} plus a note instead of a crash.</li>
 *   <li>No method ever returns NaN or an infinity; undefined means an exception or {@code null}.</li>
 *   <li>Every class is immutable or stateless and therefore thread-safe.</li>
 * </ul>
 */
package dev.backfire.analysis.stats;
