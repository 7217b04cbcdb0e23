package dev.backfire.protocol.scenario;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Placeholder handling shared by the loader and the renderer. Placeholders are {@code {asciiName}}. */
final class Templates {
    /** Anything that looks like a placeholder, including mistyped or translated ones like {@code {名前}}. */
    static final Pattern ANY_PLACEHOLDER = Pattern.compile("\\{([^{}\\s]{1,40})}");

    private Templates() {
    }

    /** Fills every known placeholder in one pass; values are inserted verbatim and never rescanned. */
    static String fill(String template, Map<String, String> values) {
        Matcher m = ANY_PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        int last = 0;
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                continue;
            }
            out.append(template, last, m.start()).append(value);
            last = m.end();
        }
        return out.append(template, last, template.length()).toString();
    }

    /** The placeholder names a text uses, in order of first use. */
    static Set<String> placeholders(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = ANY_PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
