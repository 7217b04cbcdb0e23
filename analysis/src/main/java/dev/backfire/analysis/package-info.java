/**
 * The Backfire Lab analysis engine: the statistics of {@code ANALYSIS.md} over exported agent-run
 * rows, as plain Java (no Quarkus, no CDI), verified against results computed independently in R.
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link dev.backfire.analysis.AgentRunCsv} reads and writes the agent-run CSV;</li>
 *   <li>{@link dev.backfire.analysis.StudyAnalyzer#analyze} computes a
 *       {@link dev.backfire.analysis.results.StudyResults};</li>
 *   <li>{@link dev.backfire.analysis.ResultsJson} and {@link dev.backfire.analysis.ResultsTable} render
 *       it as JSON (field names of {@code reference/study-small.expected.json}) or as an 80-column table;</li>
 *   <li>{@link dev.backfire.analysis.AnalyzeCommand} is the {@code analyze} command line.</li>
 * </ul>
 * The individual tests live in {@link dev.backfire.analysis.stats}.
 */
package dev.backfire.analysis;
