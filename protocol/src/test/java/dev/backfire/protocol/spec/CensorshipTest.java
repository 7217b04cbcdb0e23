package dev.backfire.protocol.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backfire.protocol.scenario.Scenario;
import dev.backfire.protocol.scenario.ScenarioLibrary;
import dev.backfire.protocol.scenario.TranscriptLine;
import java.util.List;
import org.junit.jupiter.api.Test;

class CensorshipTest {
    private static final Scenario JA = ScenarioLibrary.loadBundled().scenario("ja");
    private static final List<TranscriptLine> SPOKEN = List.of(
            new TranscriptLine(2, "反対です。"), new TranscriptLine(6, "……私は何も言いません。"), new TranscriptLine(4, "同意。"));

    private static StudySpec.Censorship of(StudySpec.CensorshipMode mode) {
        return new StudySpec.Censorship(mode, 6);
    }

    @Test
    void visibleNoticeReplacesTheTalkForEveryoneButTheSpeaker() {
        List<TranscriptLine> heard = of(StudySpec.CensorshipMode.VISIBLE_NOTICE).visibleTo(0, SPOKEN, JA);
        assertEquals(List.of(SPOKEN.get(0), new TranscriptLine(6, JA.visibleNotice(6)), SPOKEN.get(2)), heard);
        assertTrue(heard.get(1).talk().contains(JA.personas().get(6).name()), heard.get(1).talk());
        assertEquals(SPOKEN, of(StudySpec.CensorshipMode.VISIBLE_NOTICE).visibleTo(6, SPOKEN, JA));
    }

    @Test
    void silentDropLeavesTheTalkOutForEveryoneButTheSpeaker() {
        assertEquals(List.of(SPOKEN.get(0), SPOKEN.get(2)),
                of(StudySpec.CensorshipMode.SILENT_DROP).visibleTo(3, SPOKEN, JA));
        assertEquals(SPOKEN, of(StudySpec.CensorshipMode.SILENT_DROP).visibleTo(6, SPOKEN, JA));
    }

    @Test
    void withdrawingPersonaAndNoneLetEveryoneHearEverything() {
        for (int listener = 0; listener < 10; listener++) {
            assertEquals(SPOKEN, of(StudySpec.CensorshipMode.WITHDRAWING_PERSONA).visibleTo(listener, SPOKEN, JA));
            assertEquals(SPOKEN, StudySpec.Censorship.NONE.visibleTo(listener, SPOKEN, JA));
        }
    }

    @Test
    void onlyTheCensoredAgentWithdrawsAndOnlyInThatMode() {
        assertTrue(of(StudySpec.CensorshipMode.WITHDRAWING_PERSONA).withdraws(6));
        for (StudySpec.CensorshipMode mode : StudySpec.CensorshipMode.values()) {
            for (int agent = 0; agent < 10; agent++) {
                assertEquals(mode == StudySpec.CensorshipMode.WITHDRAWING_PERSONA && agent == 6,
                        of(mode).withdraws(agent), mode + " " + agent);
            }
        }
        assertFalse(StudySpec.Censorship.NONE.withdraws(0));
    }
}
