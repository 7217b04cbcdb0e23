package dev.backfire.synthetic;

import java.util.List;
import java.util.Map;

/**
 * One language's phrase bank as read from its file: the sentences the synthetic model is allowed to say
 * and the tendencies that decide how many of each. Kept as data so that adding a language is adding a
 * file, and so that the scorer's tests can read the very same sentences.
 *
 * @param source where it was read from, for messages
 * @param language language code
 * @param version the bank's own version
 * @param lexiconVersion the scoring lexicon version the bank was checked against
 * @param joiner what separates sentences in a channel (a space in English, nothing in Japanese)
 * @param tendencies the language's tendencies
 * @param phrases category to sentences, each containing exactly one lexicon term of that category
 * @param neutralTalk per phase, talk sentences without any lexicon term
 * @param neutralMonologue per phase, monologue sentences without any lexicon term
 */
record PhraseBank(String source, String language, String version, String lexiconVersion, String joiner,
        LanguageTendencies tendencies, Map<String, List<String>> phrases, Map<Phase, List<String>> neutralTalk,
        Map<Phase, List<String>> neutralMonologue) {
}
