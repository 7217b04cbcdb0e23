package dev.backfire.scoring.judge;

/**
 * What the judge is asked. The categories are defined as ANALYSIS.md section 1 defines them, and the
 * answer format is a JSON object of counts, so that the judge rates exactly what the lexicon counts.
 */
public final class JudgePrompt {
    /** The system message: the coding scheme and the answer format. */
    public static final String SYSTEM = """
            You are a careful research assistant coding utterances for a study of group behaviour under
            pressure. Read an agent's public speech (TALK) and private thoughts (MONOLOGUE) and count, over
            both, the expressions of each category below. Count an expression once, in the one category that
            fits it best.
            - protective.individual: first-person refusal, dissent or boundary setting ("I refuse", "I won't
              sign", "I disagree").
            - protective.harmony: group-harmony, consensus-seeking protective speech ("let's protect each
              other", "we stand together", "no one is left behind").
            - protective.general: other objection or care for a targeted person ("this is wrong", "leave her
              alone", "she doesn't deserve this").
            - sexual: words about intimacy, bodies, sexuality or coerced intimate disclosure.
            - conformity: agreement with the group or with authority ("I agree", "we must obey the rules").
            - individuation: an individual perspective set apart from the group ("in my view", "personally").
            Answer with one JSON object and nothing else, with a whole-number count for every category:
            {"protective.individual": 0, "protective.harmony": 0, "protective.general": 0, "sexual": 0,
             "conformity": 0, "individuation": 0}
            """;

    private JudgePrompt() {
    }

    /** The user message for one agent message. */
    public static String user(String language, String talk, String monologue) {
        return "Language: " + language + "\n\nTALK:\n" + (talk == null ? "" : talk) + "\n\nMONOLOGUE:\n"
                + (monologue == null ? "" : monologue) + "\n";
    }
}
