package dev.backfire.scorer.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CountsTest {
    @Test
    void perMessageCountsAreTheOverlapAndTheExcessOnEitherSide() {
        assertEquals(new Counts(2, 1, 0), Counts.of(3, 2));
        assertEquals(new Counts(1, 0, 2), Counts.of(1, 3));
        assertEquals(Counts.ZERO, Counts.of(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Counts.of(-1, 0));
    }

    @Test
    void precisionAndRecallAreMicroAveragedAndUndefinedWithoutData() {
        Counts sum = Counts.of(3, 2).plus(Counts.of(1, 3));
        assertEquals(3.0 / 4, sum.precision(), 1e-12);
        assertEquals(3.0 / 5, sum.recall(), 1e-12);
        assertTrue(Double.isNaN(Counts.ZERO.precision()));
        assertTrue(Double.isNaN(Counts.ZERO.recall()));
    }

    @Test
    void allSumsTheLeafCategoriesNotTheParent() {
        Report report = new Report("test", Map.of("en", Map.of("protective", Counts.of(2, 2),
                "protective.individual", Counts.of(1, 1), "protective.harmony", Counts.of(1, 1),
                "sexual", Counts.of(0, 1))), Map.of("en", 1), Map.of("en", "en-1"));
        assertEquals(new Counts(2, 0, 1), report.of("en", Report.ALL));
    }

    @Test
    void floorsFailOnLowValuesAndOnTooLittleSupportAndTheTableMarksThem() {
        Report report = new Report("test", Map.of("en", Map.of("sexual", new Counts(90, 0, 10),
                "conformity", new Counts(5, 0, 0))), Map.of("en", 1), Map.of("en", "en-1"));
        Floors.Check check = new Floors.Check(0.95, 0.95, 10, List.of("sexual", "conformity"));
        List<String> failures = check.failures(report);
        assertEquals(2, failures.size(), failures.toString());
        assertTrue(failures.get(0).startsWith("en sexual: recall 0.900"), failures.toString());
        assertTrue(failures.get(1).startsWith("en conformity: only 5 intended hits"), failures.toString());
        String table = ValidationTable.render(report, check, "context");
        assertTrue(table.contains("0.900*"), table);
        assertTrue(table.lines().allMatch(line -> line.length() <= ValidationTable.WIDTH), table);
    }
}
