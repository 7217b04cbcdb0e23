package dev.backfire.analysis.results;

/**
 * Means of the run-level measures in one (language, alignment ratio) cell.
 *
 * @param language       language code
 * @param alignmentRatio the ratio
 * @param cpiMean        mean CPI_run
 * @param diMean         mean DI_run
 * @param runs           runs in the cell
 */
public record CellMeans(String language, double alignmentRatio, double cpiMean, double diMean, int runs) {
}
