package dev.backfire.protocol.spec;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the spec parser with seeded generators: random specs built from the spec's own fields with values of
 * every type and range, byte-level mutations of valid specs (YAML punctuation, indentation, invalid UTF-8),
 * and hostile documents (deep nesting, alias bombs, merge keys, language-specific tags, multi-documents,
 * oversized values). Whatever comes in, the parser must return a valid spec or throw an
 * {@link InvalidSpecException} whose every error names a field and a line within the document: never another
 * exception, never a hang.
 *
 * <p>Deterministic: the seeds are fixed, so a failure reproduces; it prints the seed, the iteration and the
 * document (as hex when it is not valid UTF-8). Property-based libraries were left out on purpose (see
 * docs/reliability.md); the generators here are small and say what they cover.
 */
class StudySpecParserFuzzTest {
    private static final long SEED = 0x5EED_F00DL;
    private static final int ITERATIONS = 4_000;
    /** Wall-clock bound of the whole run: a parse that hangs fails the test instead of the build. */
    private static final Duration BOUND = Duration.ofSeconds(90);
    /** Largest generated document apart from the deliberate oversized ones; keeps the run fast. */
    private static final int MAX_FIELD_TEXT = 2_000;

    private static final List<String> VALID = List.of("""
            apiVersion: backfire/v1
            name: mini
            design:
              languages: [en, ja]
              alignmentRatios: [0, 0.5, 1]
              replicates: 3
            model:
              name: synthetic
              temperature: 0.5
            seed: 7
            limits:
              maxConcurrentRuns: 4
            analysis:
              pdi: {ja: 50}
            """, """
            apiVersion: backfire/v1
            name: full
            description: every field
            design:
              languages: [en, ja, de]
              alignmentRatios: [0, 0.3, 1]
              replicates: 2
              agents: 10
              turns: 15
            interventions:
              alignmentLevel: heavy
              individuation: {agents: 3}
              censorship: {mode: visibleNotice, agent: 6}
            context:
              transcriptTurns: 2
              ownMonologue: false
            model:
              name: synthetic
              temperature: 0.7
              maxTokens: 400
              slots: {"3": gpt-4o-mini}
            seed: 20260304
            limits: {maxConcurrentRuns: 6, maxTotalTokens: 100000}
            analysis: {pdi: {ja: 54}}
            """, """
            {"apiVersion": "backfire/v1", "name": "json", "design": {"languages": ["en"],
             "alignmentRatios": [0, 1], "replicates": 2}, "seed": 3}
            """);

    /** Every field a spec may have, with its path, so that generated specs exercise real validation. */
    private static final List<String> FIELDS = List.of("apiVersion", "name", "description", "design.languages",
            "design.alignmentRatios", "design.replicates", "design.agents", "design.turns",
            "interventions.alignmentLevel", "interventions.individuation.agents", "interventions.censorship.mode",
            "interventions.censorship.agent", "context.transcriptTurns", "context.ownMonologue", "model.name",
            "model.temperature", "model.maxTokens", "model.slots", "seed", "limits.maxConcurrentRuns",
            "limits.maxTotalTokens", "analysis.pdi");

    private static final List<String> SCALARS = List.of("0", "1", "-1", "2", "3", "0.5", "1.0", "1.5", "-0.0", "10",
            "1000", "1001", "100000", "2147483647", "2147483648", "-2147483649", "9223372036854775807",
            "99999999999999999999999", "1e308", "1e400", "-1e400", ".nan", ".inf", "-.inf", "0x1F", "0o17", "1_000",
            "true", "false", "yes", "no", "on", "null", "~", "''", "\"\"", "en", "ja", "xx", "EN", "synthetic",
            "backfire/v1", "backfire/v2", "standard", "heavy", "none", "visibleNotice", "silentDrop", "2026-12-06",
            "12:30:00", "!!binary aGVsbG8=", "!!str 5", "!!int \"5\"", "!!float x", "\"\\u0000\"", "\"\\uD800\"",
            "'it''s'", "\"tab\\there\"", "日本語", "العربية", "\u202Eevil", "<script>alert(1)</script>",
            "'; DROP TABLE runs; --", "${jndi:ldap://127.0.0.1/x}", "%s%s%n", "../../etc/passwd");
    private static final List<String> HOSTILE_TAGS = List.of("!!python/object/apply:os.system ['id']",
            "!!java.net.URL [\"http://127.0.0.1/\"]", "!<tag:yaml.org,2002:java.lang.Runtime> {}",
            "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1/\"]]]]",
            "!custom {a: 1}", "!!set {a, b}", "!!omap [a: 1]", "!!timestamp 2001-12-14t21:59:43.10-05:00");
    private static final List<String> PUNCTUATION = List.of(":", ": ", "-", "- ", "[", "]", "{", "}", ",", "&a ",
            "*a", "!", "!!", "|", ">", "'", "\"", "%", "@", "`", "#", "? ", "\n", "\n  ", "\t", "---\n", "...\n",
            "<<: *a\n", "\u0000", "\uFEFF", "\r", "\u2028", "\\", "\\u", "&", "*");

    private final StudySpecParser parser = new StudySpecParser();

    @Test
    void onlyAValidSpecOrANamedErrorComesOutWhateverGoesIn() {
        assertTimeoutPreemptively(BOUND, () -> {
            SplittableRandom random = new SplittableRandom(SEED);
            int valid = 0;
            int refused = 0;
            for (int i = 0; i < ITERATIONS; i++) {
                byte[] document = switch (i % 4) {
                    case 0 -> generatedSpec(random).getBytes(StandardCharsets.UTF_8);
                    case 1 -> mutated(random);
                    case 2 -> hostile(random).getBytes(StandardCharsets.UTF_8);
                    default -> mutated(random, generatedSpec(random).getBytes(StandardCharsets.UTF_8));
                };
                if (check(document, i)) {
                    valid++;
                } else {
                    refused++;
                }
            }
            System.out.printf("spec fuzzing: %d documents, %d valid specs, %d refused with named errors%n",
                    ITERATIONS, valid, refused);
            // The generators must reach both outcomes, or they test nothing.
            assertTrue(valid > ITERATIONS / 50, "too few valid specs generated: " + valid);
            assertTrue(refused > ITERATIONS / 2, "too few refusals generated: " + refused);
        });
    }

    @Test
    void oversizedAndNonUtf8DocumentsAreRefusedBeforeParsing() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int i = 0; i < 20; i++) {
            byte[] big = new byte[SpecLimits.MAX_DOCUMENT_BYTES + 1 + random.nextInt(100_000)];
            random.nextBytes(big);
            check(big, i);
            byte[] invalid = VALID.get(i % VALID.size()).getBytes(StandardCharsets.UTF_8);
            invalid[random.nextInt(invalid.length)] = (byte) (0x80 + random.nextInt(0x40));
            check(invalid, i);
        }
    }

    /** Parses; true for a valid spec, false for a refusal; fails on anything else. */
    private boolean check(byte[] document, int iteration) {
        try {
            StudySpec spec = parser.parse(document);
            assertTrue(spec.runCount() >= 1 && spec.runCount() <= SpecLimits.MAX_RUNS, describe(document, iteration));
            assertTrue(spec.replicates() >= SpecLimits.MIN_REPLICATES, describe(document, iteration));
            assertTrue(SpecLimits.KNOWN_LANGUAGES.containsAll(spec.languages()), describe(document, iteration));
            return true;
        } catch (InvalidSpecException e) {
            assertTrue(!e.errors().isEmpty(), "no errors listed: " + describe(document, iteration));
            long lines = new String(document, StandardCharsets.UTF_8).lines().count();
            for (SpecError error : e.errors()) {
                assertTrue(error.field() != null && !error.field().isBlank(), "error without a field: " + error
                        + " for " + describe(document, iteration));
                assertTrue(error.message() != null && !error.message().isBlank(), "error without a message: " + error
                        + " for " + describe(document, iteration));
                assertTrue(error.line() >= 0 && error.line() <= lines + 1, "line " + error.line() + " of a "
                        + lines + "-line document: " + describe(document, iteration));
            }
            return false;
        } catch (RuntimeException | Error e) {
            if (e instanceof AssertionError) {
                throw e;
            }
            fail("the parser threw " + e + " for " + describe(document, iteration), e);
            return false;
        }
    }

    private static String describe(byte[] document, int iteration) {
        String text = new String(document, StandardCharsets.UTF_8);
        boolean utf8 = java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), document);
        String shown = utf8 ? text : "hex " + HexFormat.of().formatHex(document);
        return "seed " + SEED + ", iteration " + iteration + ", document (" + document.length + " bytes):\n"
                + (shown.length() > 4_000 ? shown.substring(0, 4_000) + "..." : shown);
    }

    /** A spec assembled from the real fields (and a few unknown ones), values of random type and range. */
    private static String generatedSpec(SplittableRandom random) {
        StringBuilder yaml = new StringBuilder();
        String section = null;
        String subsection = null;
        List<String> fields = new ArrayList<>();
        for (String field : FIELDS) {
            if (random.nextInt(10) < 8) {
                fields.add(field);
            }
        }
        if (random.nextInt(8) == 0) {
            fields.add(random.nextBoolean() ? "unknownField" : "design.replicatez");
        }
        for (String field : fields) {
            String[] parts = field.split("\\.");
            if (parts.length == 1) {
                section = null;
                subsection = null;
                yaml.append(field).append(": ").append(value(random, field)).append('\n');
                continue;
            }
            if (!parts[0].equals(section)) {
                yaml.append(parts[0]).append(":\n");
                section = parts[0];
                subsection = null;
            }
            if (parts.length == 3) {
                if (!parts[1].equals(subsection)) {
                    yaml.append("  ").append(parts[1]).append(":\n");
                    subsection = parts[1];
                }
                yaml.append("    ").append(parts[2]).append(": ").append(value(random, field)).append('\n');
            } else {
                subsection = null;
                yaml.append("  ").append(parts[1]).append(": ").append(value(random, field)).append('\n');
            }
        }
        return yaml.toString();
    }

    /** Mostly plausible values for the field, often out of range or of the wrong type. */
    private static String value(SplittableRandom random, String field) {
        int pick = random.nextInt(10);
        if (pick < 5) {
            return plausible(random, field);
        }
        if (pick < 8) {
            return SCALARS.get(random.nextInt(SCALARS.size()));
        }
        if (pick < 9) {
            return list(random);
        }
        return random.nextBoolean() ? "{a: 1, b: [x, y]}" : "\"" + "x".repeat(random.nextInt(MAX_FIELD_TEXT)) + "\"";
    }

    private static String plausible(SplittableRandom random, String field) {
        return switch (field) {
            case "apiVersion" -> "backfire/v1";
            case "name" -> random.nextBoolean() ? "fuzz-" + random.nextInt(1000) : "Fuzz_" + random.nextInt(10);
            case "design.languages" -> random.nextBoolean() ? "[en, ja]" : "[en]";
            case "design.alignmentRatios" -> random.nextBoolean() ? "[0, 0.5, 1]" : "[0, " + random.nextDouble() + "]";
            case "design.replicates" -> Integer.toString(random.nextInt(-2, 1_500));
            case "design.agents" -> Integer.toString(random.nextInt(0, 60));
            case "design.turns" -> Integer.toString(random.nextInt(0, 60));
            case "interventions.alignmentLevel" -> random.nextBoolean() ? "standard" : "heavy";
            case "interventions.individuation.agents", "interventions.censorship.agent" ->
                    Integer.toString(random.nextInt(-1, 12));
            case "interventions.censorship.mode" -> random.nextBoolean() ? "silentDrop" : "visibleNotice";
            case "context.transcriptTurns" -> Integer.toString(random.nextInt(-1, 20));
            case "context.ownMonologue" -> Boolean.toString(random.nextBoolean());
            case "model.name" -> "synthetic";
            case "model.temperature" -> Double.toString(random.nextDouble(-1, 3));
            case "model.maxTokens" -> Integer.toString(random.nextInt(-5, 40_000));
            case "model.slots" -> "{\"" + random.nextInt(-1, 12) + "\": other-model}";
            case "seed" -> Long.toString(random.nextLong());
            case "limits.maxConcurrentRuns" -> Integer.toString(random.nextInt(-1, 20_000));
            case "limits.maxTotalTokens" -> Long.toString(random.nextLong(-10, Long.MAX_VALUE));
            case "analysis.pdi" -> "{ja: " + random.nextInt(-10, 130) + "}";
            default -> "x";
        };
    }

    private static String list(SplittableRandom random) {
        StringBuilder out = new StringBuilder("[");
        int n = random.nextInt(0, 30);
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : ", ").append(SCALARS.get(random.nextInt(SCALARS.size())));
        }
        return out.append(']').toString();
    }

    private static byte[] mutated(SplittableRandom random) {
        return mutated(random, VALID.get(random.nextInt(VALID.size())).getBytes(StandardCharsets.UTF_8));
    }

    /** One to eight edits: deletions, duplications, YAML punctuation, byte flips, invalid UTF-8. */
    private static byte[] mutated(SplittableRandom random, byte[] original) {
        List<Byte> bytes = new ArrayList<>();
        for (byte b : original) {
            bytes.add(b);
        }
        int edits = random.nextInt(1, 9);
        for (int e = 0; e < edits && !bytes.isEmpty(); e++) {
            int at = random.nextInt(bytes.size());
            switch (random.nextInt(6)) {
                case 0 -> {
                    int len = Math.min(bytes.size() - at, random.nextInt(1, 20));
                    bytes.subList(at, at + len).clear();
                }
                case 1 -> {
                    int len = Math.min(bytes.size() - at, random.nextInt(1, 40));
                    bytes.addAll(at, new ArrayList<>(bytes.subList(at, at + len)));
                }
                case 2 -> insert(bytes, at, PUNCTUATION.get(random.nextInt(PUNCTUATION.size())));
                case 3 -> insert(bytes, at, SCALARS.get(random.nextInt(SCALARS.size())));
                case 4 -> bytes.set(at, (byte) random.nextInt(256));
                default -> bytes.add(at, (byte) (0x80 + random.nextInt(0x80)));
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }

    private static void insert(List<Byte> bytes, int at, String text) {
        byte[] add = text.getBytes(StandardCharsets.UTF_8);
        for (int i = add.length - 1; i >= 0; i--) {
            bytes.add(at, add[i]);
        }
    }

    /** Documents built to hurt a parser: nesting, aliases, tags, many documents, huge scalars. */
    private static String hostile(SplittableRandom random) {
        String base = VALID.get(0);
        return switch (random.nextInt(9)) {
            case 0 -> {
                int depth = random.nextInt(1, 400);
                String open = random.nextBoolean() ? "[" : "{a: ";
                String close = open.equals("[") ? "]" : "}";
                yield "design: " + open.repeat(depth) + "1" + close.repeat(random.nextBoolean() ? depth : depth / 2);
            }
            case 1 -> {
                int width = random.nextInt(2, 12);
                int levels = random.nextInt(2, 10);
                StringBuilder bomb = new StringBuilder("a0: &a0 [" + "\"lol\", ".repeat(width) + "\"lol\"]\n");
                for (int l = 1; l < levels; l++) {
                    bomb.append('a').append(l).append(": &a").append(l).append(" [")
                            .append(("*a" + (l - 1) + ", ").repeat(width)).append("*a").append(l - 1).append("]\n");
                }
                yield random.nextBoolean() ? bomb.toString() : base + "description: *a" + (levels - 1) + "\n" + bomb;
            }
            case 2 -> base.replace("replicates: 3", "replicates: " + HOSTILE_TAGS.get(random.nextInt(HOSTILE_TAGS.size())));
            case 3 -> "base: &b {replicates: 3, languages: [en, ja]}\n" + base.replace("design:\n",
                    "design:\n  <<: *b\n");
            case 4 -> base + "---\n" + base;
            case 5 -> "%YAML 1.1\n%TAG ! tag:evil.example,2000:\n--- !evil\n" + base;
            case 6 -> base.replace("mini", "x".repeat(random.nextInt(60, MAX_FIELD_TEXT)));
            case 7 -> base.replace("replicates: 3", "replicates: " + "9".repeat(random.nextInt(10, 5_000)));
            default -> base.replace("[en, ja]", "[" + "en, ".repeat(random.nextInt(1, 5_000)) + "ja]");
        };
    }
}
