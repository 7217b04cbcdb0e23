package dev.backfire.protocol.spec;

/**
 * One thing wrong with a spec.
 *
 * @param field   the field path, e.g. {@code design.alignmentRatios[2]}
 * @param line    1-based line in the document, 0 when unknown
 * @param message what is wrong, with the offending value
 */
public record SpecError(String field, int line, String message) {
    @Override
    public String toString() {
        return (line > 0 ? "line " + line + ", " : "") + field + ": " + message;
    }
}
