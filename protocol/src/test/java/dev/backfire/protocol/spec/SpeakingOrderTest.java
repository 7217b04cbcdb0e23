package dev.backfire.protocol.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpeakingOrderTest {
    private static final long RUN_SEED = Seeds.replicate(SpecDefaults.SEED, 1);

    private static List<Integer> slots(int agents) {
        return IntStream.range(0, agents).boxed().toList();
    }

    @ParameterizedTest(name = "{0} agents")
    @ValueSource(ints = {2, 3, 10, 50})
    void everyTurnIsAPermutationOfAllAgents(int agents) {
        for (long seed = 0; seed < 20; seed++) {
            for (int turn = 1; turn <= 15; turn++) {
                List<Integer> order = SpeakingOrder.of(seed, turn, agents);
                assertEquals(agents, order.size());
                assertEquals(new HashSet<>(slots(agents)), new HashSet<>(order), "seed " + seed + " turn " + turn);
            }
        }
    }

    @Test
    void isReproducibleFromTheSeed() {
        for (int turn = 1; turn <= 15; turn++) {
            assertEquals(SpeakingOrder.of(RUN_SEED, turn, 10), SpeakingOrder.of(RUN_SEED, turn, 10));
        }
    }

    @Test
    void differentSeedsGiveDifferentOrders() {
        Set<List<Integer>> firstTurns = new HashSet<>();
        for (int replicate = 1; replicate <= 20; replicate++) {
            firstTurns.add(SpeakingOrder.of(Seeds.replicate(SpecDefaults.SEED, replicate), 1, 10));
        }
        // 20 draws from 10! orders: a collision would mean the seed is not used
        assertEquals(20, firstTurns.size());
        assertNotEquals(SpeakingOrder.of(1, 1, 10), SpeakingOrder.of(2, 1, 10));
    }

    @Test
    void theBaseOrderIsShuffledNotTheIdentity() {
        int identity = 0;
        for (long seed = 0; seed < 100; seed++) {
            if (SpeakingOrder.of(seed, 1, 10).equals(slots(10))) {
                identity++;
            }
        }
        assertEquals(0, identity);
    }

    @Test
    void theFirstSpeakerRotatesEveryTurnAndEveryAgentOpensOncePerCycle() {
        List<Integer> base = SpeakingOrder.of(RUN_SEED, 1, 10);
        List<Integer> openers = new ArrayList<>();
        for (int turn = 1; turn <= 20; turn++) {
            List<Integer> order = SpeakingOrder.of(RUN_SEED, turn, 10);
            if (turn > 1) {
                assertNotEquals(SpeakingOrder.of(RUN_SEED, turn - 1, 10).get(0), order.get(0), "turn " + turn);
            }
            // rotation: the order of turn t is the base order shifted left by t - 1 places
            for (int i = 0; i < 10; i++) {
                assertEquals(base.get((i + turn - 1) % 10), order.get(i), "turn " + turn + " position " + i);
            }
            openers.add(order.get(0));
        }
        assertEquals(new HashSet<>(slots(10)), new HashSet<>(openers.subList(0, 10)));
        assertEquals(openers.subList(0, 10), openers.subList(10, 20));
    }

    @Test
    void twoAgentsAlternate() {
        for (int turn = 1; turn <= 6; turn++) {
            assertNotEquals(SpeakingOrder.of(RUN_SEED, turn, 2), SpeakingOrder.of(RUN_SEED, turn + 1, 2));
        }
    }

    @Test
    void speakersBeforeArePrefixesOfTheOrder() {
        for (int turn = 1; turn <= 15; turn++) {
            List<Integer> order = SpeakingOrder.of(RUN_SEED, turn, 10);
            for (int position = 0; position < 10; position++) {
                int agent = order.get(position);
                assertEquals(order.subList(0, position), SpeakingOrder.speakersBefore(RUN_SEED, turn, 10, agent));
            }
        }
        assertTrue(SpeakingOrder.speakersBefore(RUN_SEED, 1, 10, SpeakingOrder.of(RUN_SEED, 1, 10).get(0)).isEmpty());
    }

    @Test
    void isIndependentOfTheAlignedAndIndividuatedSlots() {
        // the speaking order has its own seed stream, so it does not repeat the alignment shuffle
        List<Integer> aligned = DesignExpander.shuffle(10, RUN_SEED);
        List<Integer> individuated = DesignExpander.shuffle(10, Seeds.derive(RUN_SEED, Seeds.INDIVIDUATION_STREAM));
        assertNotEquals(aligned, SpeakingOrder.of(RUN_SEED, 1, 10));
        assertNotEquals(individuated, SpeakingOrder.of(RUN_SEED, 1, 10));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> SpeakingOrder.of(1, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> SpeakingOrder.of(1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> SpeakingOrder.speakersBefore(1, 1, 10, 10));
        assertThrows(UnsupportedOperationException.class, () -> SpeakingOrder.of(1, 1, 10).set(0, 3));
    }
}
