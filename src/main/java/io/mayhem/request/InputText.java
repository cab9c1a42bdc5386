package io.mayhem.request;

/**
 * Text taken from input, made safe to quote: everything the service writes from input (dead-letter reasons and
 * payloads, log lines, the operator API's reasons) goes through here, so it is well-formed Unicode on one line
 * whatever came in (docs/design.md section 9).
 */
public final class InputText {

    private InputText() {
    }

    /**
     * The text cut at 80 code points and {@link #escape escaped}: safe to quote in a reason, a log line or an
     * HTTP body whatever came in.
     */
    public static String clip(String text) {
        return clip(text, 80);
    }

    /** The first {@code max} code points of the text (and "..." if there were more), {@linkplain #escape escaped}. */
    public static String clip(String text, int max) {
        String cut = text.codePointCount(0, text.length()) <= max ? text
                : text.substring(0, text.offsetByCodePoints(0, max)) + "...";
        return escape(cut);
    }

    /**
     * The text with every control character and every unpaired surrogate (a lone high or low one, or a reversed
     * pair) written as <code>&#92;uXXXX</code> (upper-case hex): well-formed Unicode, one line, whatever came in. Text
     * taken from input goes through here before it is echoed anywhere (docs/design.md section 9).
     */
    public static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(String.format("\\u%04X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
