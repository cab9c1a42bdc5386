package io.mayhem.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for the tests (the Prometheus Java client has
 * writers only): every rule of the format's specification that a scraper relies on is checked, and the first
 * broken one throws {@link IllegalArgumentException} naming the line. Checked: the newline at the end; HELP and TYPE
 * lines (their names, the escapes of HELP, one TYPE per family, before its samples, a known type); sample lines
 * (metric and label names, label values with only the escapes {@code \\}, {@code \"} and {@code \n}, no repeated
 * label, a float value, an optional integer timestamp); the samples of one family together and each series once; a
 * sample's name belonging to its family's type (a counter's {@code _total}, a histogram's {@code _bucket},
 * {@code _sum}, {@code _count}); histogram buckets with an {@code le}, ascending, cumulative, ending in {@code +Inf}
 * equal to {@code _count}.
 */
public final class ExpositionText {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") ((?:[^\\\\\\n]|\\\\[\\\\n])*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(?:\\{(.*)})? (\\S+)(?: (-?[0-9]+))?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?Inf|NaN");

    /** One sample: its name, labels and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** One metric family: its name (the TYPE line's), type, help and samples in the order given. */
    public record Family(String name, String type, String help, List<Sample> samples) {
    }

    private final Map<String, Family> families;

    private ExpositionText(Map<String, Family> families) {
        this.families = families;
    }

    /**
     * @param text a whole scrape
     * @throws IllegalArgumentException at the first line that breaks a rule of the format
     */
    public static ExpositionText parse(String text) {
        return new Reader().read(text);
    }

    /** The families by name, in the order of the scrape. */
    public Map<String, Family> families() {
        return families;
    }

    /** The names of every sample (series names: {@code x_total}, {@code x_bucket}, {@code x}). */
    public Set<String> sampleNames() {
        Set<String> names = new HashSet<>();
        families.values().forEach(f -> f.samples().forEach(s -> names.add(s.name())));
        return names;
    }

    /** The one sample of that name whose labels include {@code labels}, if any. */
    public Optional<Sample> sample(String name, Map<String, String> labels) {
        return families.values().stream().flatMap(f -> f.samples().stream())
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())).findFirst();
    }

    private static final class Reader {
        private final Map<String, String> types = new LinkedHashMap<>();
        private final Map<String, List<Sample>> samples = new LinkedHashMap<>();
        private final Map<String, String> helps = new LinkedHashMap<>();
        private final Set<String> series = new HashSet<>();
        private String current;
        private int number;

        ExpositionText read(String text) {
            if (!text.isEmpty() && !text.endsWith("\n")) {
                throw new IllegalArgumentException("the last line does not end with a newline");
            }
            for (String line : text.split("\n")) {
                number++;
                if (!line.isEmpty()) { // empty lines are ignored
                    line(line);
                }
            }
            Map<String, Family> families = new LinkedHashMap<>();
            types.forEach((name, type) -> families.put(name, new Family(name, type, helps.get(name), samples.get(name))));
            families.values().forEach(Reader::checkFamily);
            return new ExpositionText(families);
        }

        private void line(String line) {
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                if (helps.put(m.group(1), unescape(m.group(2))) != null) {
                    throw broken("a second HELP for " + m.group(1));
                }
            } else if ((m = TYPE.matcher(line)).matches()) {
                if (types.put(m.group(1), m.group(2)) != null) {
                    throw broken("a second TYPE for " + m.group(1) + " (or its samples in two groups)");
                }
                current = m.group(1);
                samples.put(current, new ArrayList<>());
            } else if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                throw broken("a HELP or TYPE line with a bad name, type or escape");
            } else if (line.startsWith("#")) {
                return; // a comment
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                sample(m);
            } else {
                throw broken("not a HELP, TYPE, comment or sample line");
            }
        }

        /** A sample of the family whose TYPE came last (every family here has one: the client library writes it). */
        private void sample(Matcher m) {
            String name = m.group(1);
            Map<String, String> labels = labels(m.group(2) == null ? "" : m.group(2));
            if (!FLOAT.matcher(m.group(3)).matches()) {
                throw broken("value '" + m.group(3) + "' is not a float");
            }
            if (current == null || !belongs(name, current, types.get(current))) {
                throw broken("sample " + name + " outside its family's group (the last TYPE was of " + current + ")");
            }
            if (!series.add(name + new TreeMap<>(labels))) {
                throw broken("series " + name + labels + " given twice");
            }
            samples.get(current).add(new Sample(name, labels, parseFloat(m.group(3))));
        }

        private Map<String, String> labels(String text) {
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher m = LABEL.matcher(text);
            int at = 0;
            while (at < text.length()) {
                if (!m.find(at) || m.start() != at) {
                    throw broken("labels '" + text + "' broken at character " + at);
                }
                if (m.group(1).startsWith("__")) {
                    throw broken("label name " + m.group(1) + " is reserved");
                }
                if (labels.put(m.group(1), unescape(m.group(2))) != null) {
                    throw broken("label " + m.group(1) + " repeated");
                }
                at = m.end();
            }
            return labels;
        }

        private static boolean belongs(String name, String family, String type) {
            return switch (type) {
                case "counter" -> name.equals(family) || name.equals(family + "_total");
                case "histogram" -> List.of(family + "_bucket", family + "_sum", family + "_count").contains(name);
                case "summary" -> List.of(family, family + "_sum", family + "_count").contains(name);
                default -> name.equals(family);
            };
        }

        private static void checkFamily(Family family) {
            if (!family.type().equals("histogram")) {
                return;
            }
            Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
            for (Sample s : family.samples()) {
                if (s.name().endsWith("_bucket")) {
                    Map<String, String> others = new LinkedHashMap<>(s.labels());
                    if (others.remove("le") == null) {
                        throw new IllegalArgumentException(family.name() + ": a bucket without le");
                    }
                    buckets.computeIfAbsent(others, k -> new ArrayList<>()).add(s);
                }
            }
            buckets.forEach((labels, list) -> checkBuckets(family, labels, list));
        }

        private static void checkBuckets(Family family, Map<String, String> labels, List<Sample> buckets) {
            double previousLe = Double.NEGATIVE_INFINITY;
            double previousCount = 0;
            for (Sample bucket : buckets) {
                double le = parseFloat(bucket.labels().get("le"));
                if (!(le > previousLe) || bucket.value() < previousCount) {
                    throw new IllegalArgumentException(family.name() + labels
                            + ": buckets not ascending and cumulative at le=" + bucket.labels().get("le"));
                }
                previousLe = le;
                previousCount = bucket.value();
            }
            Sample count = family.samples().stream()
                    .filter(s -> s.name().equals(family.name() + "_count") && s.labels().equals(labels)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(family.name() + labels + ": no _count"));
            if (previousLe != Double.POSITIVE_INFINITY || previousCount != count.value()) {
                throw new IllegalArgumentException(family.name() + labels + ": the last bucket is not +Inf equal to _count");
            }
            if (family.samples().stream().noneMatch(s -> s.name().equals(family.name() + "_sum") && s.labels().equals(labels))) {
                throw new IllegalArgumentException(family.name() + labels + ": no _sum");
            }
        }

        private static double parseFloat(String text) {
            return switch (text) {
                case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(text);
            };
        }

        /** Undoes the format's escapes (the patterns let through only backslash, quote and n after a backslash). */
        private static String unescape(String value) {
            StringBuilder out = new StringBuilder(value.length());
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\\') {
                    char next = value.charAt(++i);
                    out.append(next == 'n' ? '\n' : next);
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }

        private IllegalArgumentException broken(String why) {
            return new IllegalArgumentException("line " + number + ": " + why);
        }
    }
}
