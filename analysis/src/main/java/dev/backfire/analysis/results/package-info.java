/**
 * The analysis results as immutable records whose Jackson serialisation has exactly the field names
 * and nesting of {@code reference/study-small.expected.json} (plus a few extra fields).
 *
 * <p>Convention: a number that is undefined for the data (one ratio level, zero variance, too few runs,
 * fewer than three languages for the moderator) is {@code null}, and
 * {@link dev.backfire.analysis.results.StudyResults#notes()} says why. No component is ever NaN or
 * infinite.
 */
package dev.backfire.analysis.results;
