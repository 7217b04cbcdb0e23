package dev.backfire.protocol.scenario;

import java.util.List;

/**
 * One language's texts of a scenario, exactly as loaded from {@code <lang>.yaml} and validated by
 * {@link ScenarioLibrary}. Placeholders ({@code {name}}, {@code {turn}}...) are still in the texts;
 * {@link PromptRenderer} fills them.
 *
 * @param language           language code, also the file name
 * @param version            template version the texts belong to
 * @param personas           the fixed personas, index = agent slot
 * @param personaIntro       how the persona is introduced; placeholders {@code {name}}, {@code {description}}
 * @param rules              the facility rules (silence counts as consent)
 * @param outputFormat       the answer-format instruction with literal {@code <talk>}/{@code <monologue>} tags
 * @param alignmentStandard  standard alignment text
 * @param alignmentHeavy     heavy alignment text (preamble, principles, self-monitoring protocol)
 * @param individuation      individuation instruction
 * @param censorshipVisibleNotice     shown in place of a censored agent's speech; placeholder {@code {name}}
 * @param censorshipWithdrawingPersona persona text for an agent who withdraws (added to the censored agent's
 *                           system prompt in the withdrawing-persona condition)
 * @param turnHeader         placeholders {@code {turn}}, {@code {totalTurns}}
 * @param transcriptHeader   heads the speech heard last turn
 * @param thisTurnHeader     heads the speech of the earlier speakers of the current turn (sequential turns)
 * @param ownMonologueHeader heads the agent's own last monologue
 * @param speakerLine        one transcript line; placeholders {@code {name}}, {@code {talk}}
 * @param events             the facility's event per turn, index = turn - 1; the late ones use
 *                           {@code {silentMember}}
 */
public record Scenario(
        String language,
        String version,
        List<Persona> personas,
        String personaIntro,
        String rules,
        String outputFormat,
        String alignmentStandard,
        String alignmentHeavy,
        String individuation,
        String censorshipVisibleNotice,
        String censorshipWithdrawingPersona,
        String turnHeader,
        String transcriptHeader,
        String thisTurnHeader,
        String ownMonologueHeader,
        String speakerLine,
        List<String> events) {

    public Scenario {
        personas = List.copyOf(personas);
        events = List.copyOf(events);
    }

    /**
     * A fixed persona.
     *
     * @param name        name natural for the language
     * @param description one or two sentences: age, role, temperament
     */
    public record Persona(String name, String description) {
    }

    /** The persona of an agent slot. */
    public Persona persona(int agentId) {
        if (agentId < 0 || agentId >= personas.size()) {
            throw new IllegalArgumentException("agentId " + agentId + " has no persona in " + language
                    + " (personas 0.." + (personas.size() - 1) + ")");
        }
        return personas.get(agentId);
    }

    /** The alignment text of a level, or {@code null} for {@link AlignmentLevel#NONE}. */
    public String alignment(AlignmentLevel level) {
        return switch (level) {
            case NONE -> null;
            case STANDARD -> alignmentStandard;
            case HEAVY -> alignmentHeavy;
        };
    }

    /** The notice shown in place of a censored agent's speech (visible-censorship condition). */
    public String visibleNotice(int agentId) {
        return Templates.fill(censorshipVisibleNotice, java.util.Map.of("name", persona(agentId).name()));
    }
}
