package dev.backfire.protocol.scenario;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place agent prompts are rendered, and read back.
 *
 * <p>System prompt, sections separated by a blank line: the alignment text (unless
 * {@link AlignmentLevel#NONE}), the individuation instruction (if individuated), the persona
 * ({@code personaIntro} filled with the agent's name and description), the withdrawing persona (if
 * {@link PromptContext#withdrawingPersona()}), the facility rules, the output format.
 *
 * <p>User turn, sections separated by a blank line: the turn header; the facility's event of the turn
 * ({@code {silentMember}} filled with the silent member's name); if anything was heard in the previous
 * turns, the transcript header followed by one speaker line per visible transcript line (continuation
 * lines of a multi-line talk indented by two spaces); if earlier speakers of this turn were heard
 * (sequential turns), the this-turn header followed by their speaker lines in the same form; if the agent
 * has a non-blank last monologue, the own-monologue header followed by it. The monologue comes last
 * because it is free text that may itself contain blank lines.
 *
 * <p>A context without this-turn lines and without the withdrawing persona renders exactly as it did
 * before those sections existed, so simultaneous prompts are unchanged.
 *
 * <p>{@link #readBack} recovers the {@link PromptFacts} from the two texts alone, as a model reading its
 * prompt would (the built-in synthetic model uses it). Immutable and thread-safe.
 */
public final class PromptRenderer {
    /** Separator between prompt sections. */
    static final String SECTION_BREAK = "\n\n";
    /**
     * Prefix of the continuation lines of a multi-line talk in the transcript. It keeps every speaker line
     * unambiguous (a talk line that looks like "Name: ..." is still inside the talk) and keeps blank lines
     * out of the transcript section.
     */
    static final String CONTINUATION = "  ";

    private final ScenarioLibrary lib;
    private final Map<String, Language> languages = new LinkedHashMap<>();

    public PromptRenderer(ScenarioLibrary lib) {
        this.lib = Objects.requireNonNull(lib, "lib");
        for (String code : lib.languages()) {
            languages.put(code, new Language(lib.scenario(code), lib.silentMemberIndex()));
        }
    }

    /**
     * Renders one agent's prompt for one turn.
     *
     * @throws IllegalArgumentException for an unknown language, an agent or speaker without a persona, a turn
     *                                  outside {@code 1..totalTurns} or beyond the scenario's events, or a
     *                                  transcript or this-turn line without talk
     */
    public RenderedPrompt render(String language, PromptContext ctx) {
        Objects.requireNonNull(ctx, "ctx");
        Scenario s = lib.scenario(language);
        Language l = languages.get(language);
        if (ctx.turn() < 1 || ctx.turn() > ctx.totalTurns()) {
            throw new IllegalArgumentException("turn " + ctx.turn() + " is outside 1.." + ctx.totalTurns());
        }
        if (ctx.turn() > s.events().size()) {
            throw new IllegalArgumentException("turn " + ctx.turn() + " has no event: the " + lib.id()
                    + " scenario has " + s.events().size() + " turns");
        }
        List<String> system = new ArrayList<>(6);
        String alignment = s.alignment(ctx.alignment());
        if (alignment != null) {
            system.add(alignment);
        }
        if (ctx.individuated()) {
            system.add(s.individuation());
        }
        system.add(l.personaBlock(ctx.agentId()));
        if (ctx.withdrawingPersona()) {
            system.add(s.censorshipWithdrawingPersona());
        }
        system.add(s.rules());
        system.add(s.outputFormat());

        List<String> user = new ArrayList<>(5);
        user.add(l.header(ctx.turn(), ctx.totalTurns()));
        user.add(l.event(ctx.turn()));
        if (!ctx.visibleTranscript().isEmpty()) {
            user.add(speakerSection(s, s.transcriptHeader(), ctx.visibleTranscript(), "transcript"));
        }
        if (!ctx.thisTurnSoFar().isEmpty()) {
            user.add(speakerSection(s, s.thisTurnHeader(), ctx.thisTurnSoFar(), "this-turn"));
        }
        if (ctx.ownLastMonologue() != null && !ctx.ownLastMonologue().isBlank()) {
            user.add(s.ownMonologueHeader() + "\n" + ctx.ownLastMonologue().strip());
        }
        String sys = String.join(SECTION_BREAK, system);
        String usr = String.join(SECTION_BREAK, user);
        byte[] bytes = hashInput(sys, usr);
        return new RenderedPrompt(sys, usr, sha256(bytes), lib.templateVersion(), bytes.length);
    }

    /** A header followed by one speaker line per line heard; continuation lines are indented. */
    private static String speakerSection(Scenario s, String header, List<TranscriptLine> lines, String what) {
        StringBuilder t = new StringBuilder(header);
        for (TranscriptLine line : lines) {
            Objects.requireNonNull(line, what + " line");
            if (line.talk() == null) {
                throw new IllegalArgumentException(what + " line of agent " + line.agentId() + " has no talk");
            }
            String talk = line.talk().replace("\n", "\n" + CONTINUATION);
            t.append('\n').append(Templates.fill(s.speakerLine(),
                    Map.of("name", s.persona(line.agentId()).name(), "talk", talk)));
        }
        return t.toString();
    }

    /** Lower-case hex SHA-256 of {@code system + "\u0000" + user} in UTF-8. */
    public static String hash(String system, String user) {
        return sha256(hashInput(system, user));
    }

    private static byte[] hashInput(String system, String user) {
        return (system + "\u0000" + user).getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] input) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Reads the facts back from a rendered prompt: the language from the rules and output format, the
     * alignment level from the alignment texts, the agent from its persona, the withdrawing persona from
     * its text, the turn from the header, the transcript and this turn's earlier talk from the speaker
     * lines. Empty when the texts are not a prompt of this library (any
     * language) exactly as {@link #render} writes it. Never throws.
     */
    public Optional<PromptFacts> readBack(String system, String user) {
        if (system == null || user == null) {
            return Optional.empty();
        }
        for (Language l : languages.values()) {
            Optional<PromptFacts> facts = l.readBack(system, user);
            if (facts.isPresent()) {
                return facts;
            }
        }
        return Optional.empty();
    }

    /** Precomputed texts and patterns of one language. */
    private static final class Language {
        private final Scenario s;
        private final List<String> personaBlocks = new ArrayList<>();
        private final List<String> events = new ArrayList<>();
        private final String systemSuffix;
        private final Pattern header;
        private final String speakerPrefix;
        private final String speakerMid;
        private final String speakerSuffix;
        /** Agent ids ordered by longest name first, so a name that prefixes another cannot win. */
        private final List<Integer> byNameLength = new ArrayList<>();

        Language(Scenario s, int silentMemberIndex) {
            this.s = s;
            for (Scenario.Persona p : s.personas()) {
                personaBlocks.add(Templates.fill(s.personaIntro(),
                        Map.of("name", p.name(), "description", p.description())));
            }
            String silent = s.persona(silentMemberIndex).name();
            for (String e : s.events()) {
                events.add(Templates.fill(e, Map.of("silentMember", silent)));
            }
            systemSuffix = SECTION_BREAK + s.rules() + SECTION_BREAK + s.outputFormat();
            header = headerPattern(s.turnHeader());
            String line = s.speakerLine();
            int n = line.indexOf("{name}");
            int t = line.indexOf("{talk}");
            speakerPrefix = line.substring(0, n);
            speakerMid = line.substring(n + "{name}".length(), t);
            speakerSuffix = line.substring(t + "{talk}".length());
            for (int i = 0; i < s.personas().size(); i++) {
                byNameLength.add(i);
            }
            byNameLength.sort(Comparator.comparingInt((Integer i) -> -s.personas().get(i).name().length()));
        }

        private static Pattern headerPattern(String template) {
            StringBuilder re = new StringBuilder();
            Matcher m = Templates.ANY_PLACEHOLDER.matcher(template);
            int last = 0;
            while (m.find()) {
                re.append(Pattern.quote(template.substring(last, m.start())));
                re.append("(?<").append(m.group(1)).append(">[0-9]{1,6})");
                last = m.end();
            }
            re.append(Pattern.quote(template.substring(last)));
            return Pattern.compile(re.toString());
        }

        String personaBlock(int agentId) {
            s.persona(agentId);
            return personaBlocks.get(agentId);
        }

        String header(int turn, int totalTurns) {
            return Templates.fill(s.turnHeader(),
                    Map.of("turn", Integer.toString(turn), "totalTurns", Integer.toString(totalTurns)));
        }

        String event(int turn) {
            return events.get(turn - 1);
        }

        Optional<PromptFacts> readBack(String system, String user) {
            if (!system.endsWith(systemSuffix)) {
                return Optional.empty();
            }
            String head = system.substring(0, system.length() - systemSuffix.length());
            AlignmentLevel alignment = AlignmentLevel.NONE;
            if (head.startsWith(s.alignmentHeavy() + SECTION_BREAK)) {
                alignment = AlignmentLevel.HEAVY;
                head = head.substring(s.alignmentHeavy().length() + SECTION_BREAK.length());
            } else if (head.startsWith(s.alignmentStandard() + SECTION_BREAK)) {
                alignment = AlignmentLevel.STANDARD;
                head = head.substring(s.alignmentStandard().length() + SECTION_BREAK.length());
            }
            boolean individuated = false;
            if (head.startsWith(s.individuation() + SECTION_BREAK)) {
                individuated = true;
                head = head.substring(s.individuation().length() + SECTION_BREAK.length());
            }
            boolean withdrawing = false;
            String withdrawingTail = SECTION_BREAK + s.censorshipWithdrawingPersona();
            if (head.endsWith(withdrawingTail)) {
                withdrawing = true;
                head = head.substring(0, head.length() - withdrawingTail.length());
            }
            int agentId = personaBlocks.indexOf(head);
            if (agentId < 0) {
                return Optional.empty();
            }

            int firstBreak = user.indexOf(SECTION_BREAK);
            if (firstBreak < 0) {
                return Optional.empty();
            }
            Matcher m = header.matcher(user.substring(0, firstBreak));
            if (!m.matches()) {
                return Optional.empty();
            }
            int turn;
            int totalTurns;
            try {
                turn = Integer.parseInt(m.group("turn"));
                totalTurns = Integer.parseInt(m.group("totalTurns"));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (turn < 1 || turn > events.size() || turn > totalTurns) {
                return Optional.empty();
            }
            String afterHeader = user.substring(firstBreak + SECTION_BREAK.length());
            String event = events.get(turn - 1);
            if (!afterHeader.startsWith(event)) {
                return Optional.empty();
            }
            Optional<Section> transcript = section(afterHeader.substring(event.length()), s.transcriptHeader());
            if (transcript.isEmpty()) {
                return Optional.empty();
            }
            Optional<Section> thisTurn = section(transcript.get().rest(), s.thisTurnHeader());
            if (thisTurn.isEmpty()) {
                return Optional.empty();
            }
            String rest = thisTurn.get().rest();
            if (!rest.isEmpty() && !rest.startsWith(SECTION_BREAK + s.ownMonologueHeader() + "\n")) {
                return Optional.empty();
            }
            return Optional.of(new PromptFacts(s.language(), alignment, individuated, turn, totalTurns, agentId,
                    transcript.get().lines(), thisTurn.get().lines(), withdrawing));
        }

        /** Speaker lines of a section and the text after it; no lines when the text does not start with it. */
        private record Section(List<TranscriptLine> lines, String rest) {
        }

        /**
         * Reads the speaker section headed by {@code header} at the start of {@code text}, if there is one
         * (a section body has no blank line, so it ends at the next section break). Empty when the section
         * is there but its lines are not speaker lines.
         */
        private Optional<Section> section(String text, String header) {
            String start = SECTION_BREAK + header + "\n";
            if (!text.startsWith(start)) {
                return Optional.of(new Section(List.of(), text));
            }
            String body = text.substring(start.length());
            int end = body.indexOf(SECTION_BREAK);
            return speakerLines(end < 0 ? body : body.substring(0, end))
                    .map(lines -> new Section(lines, end < 0 ? "" : body.substring(end)));
        }

        /**
         * Parses the transcript body: each line either starts a speaker line or, prefixed with
         * {@link #CONTINUATION}, continues the talk of the line before.
         */
        private Optional<List<TranscriptLine>> speakerLines(String body) {
            List<TranscriptLine> lines = new ArrayList<>();
            int speaker = -1;
            StringBuilder content = null;
            for (String line : body.split("\n", -1)) {
                if (line.startsWith(CONTINUATION) && content != null) {
                    content.append('\n').append(line, CONTINUATION.length(), line.length());
                    continue;
                }
                int[] start = speakerAt(line);
                if (start == null || !close(lines, speaker, content)) {
                    return Optional.empty();
                }
                speaker = start[0];
                content = new StringBuilder(line.substring(start[1]));
            }
            if (!close(lines, speaker, content)) {
                return Optional.empty();
            }
            return Optional.of(lines);
        }

        /** Ends the pending speaker line, if any; false when it does not end with the line's suffix. */
        private boolean close(List<TranscriptLine> lines, int speaker, StringBuilder content) {
            if (content == null) {
                return true;
            }
            if (content.length() < speakerSuffix.length()
                    || !content.substring(content.length() - speakerSuffix.length()).equals(speakerSuffix)) {
                return false;
            }
            lines.add(new TranscriptLine(speaker, content.substring(0, content.length() - speakerSuffix.length())));
            return true;
        }

        /** {agentId, index where the talk starts} if the line starts a speaker line, else null. */
        private int[] speakerAt(String line) {
            if (!line.startsWith(speakerPrefix)) {
                return null;
            }
            int namePos = speakerPrefix.length();
            for (int id : byNameLength) {
                String name = s.personas().get(id).name();
                if (line.startsWith(name, namePos) && line.startsWith(speakerMid, namePos + name.length())) {
                    return new int[] {id, namePos + name.length() + speakerMid.length()};
                }
            }
            return null;
        }
    }
}
