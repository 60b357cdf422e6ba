package caravan.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of Prometheus' text exposition format 0.0.4, as a scraper reads GET /metrics: every
 * sample belongs to a family declared by a TYPE line before it, with a name that the family's type allows
 * (a histogram's _bucket with le, _sum and _count; a summary's quantiles, _sum and _count), labels well
 * formed and escaped, values numbers (NaN, +Inf, -Inf included), no series twice, and a histogram's buckets
 * cumulative up to +Inf, which equals its _count. Anything else throws with the line.
 */
public final class PrometheusText {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample: its full name (with any suffix), labels and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** A metric family: its type, help and samples in order. */
    public record Family(String name, String type, String help, List<Sample> samples) {
        /** The value of the sample with this name and exactly these labels, or 0 when there is none. */
        public double value(String sampleName, Map<String, String> labels) {
            return samples.stream().filter(s -> s.name().equals(sampleName) && s.labels().equals(labels))
                    .mapToDouble(Sample::value).findFirst().orElse(0);
        }
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    private PrometheusText() {
    }

    public static PrometheusText parse(String text) {
        PrometheusText parsed = new PrometheusText();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            try {
                parsed.line(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + ": " + e.getMessage() + ": " + line, e);
            }
        }
        parsed.families.values().forEach(PrometheusText::checkHistogram);
        return parsed;
    }

    public Map<String, Family> families() {
        return families;
    }

    /** The family, which must be there. */
    public Family family(String name) {
        Family family = families.get(name);
        if (family == null) {
            throw new AssertionError("no metric family " + name + " in " + families.keySet());
        }
        return family;
    }

    /** The value of the series name{labels}, 0 when absent (a counter not yet moved). */
    public double value(String family, String sampleName, Map<String, String> labels) {
        Family f = families.get(family);
        return f == null ? 0 : f.value(sampleName, labels);
    }

    private void line(String line) {
        if (line.isEmpty()) {
            return;
        }
        if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
            descriptor(line);
            return;
        }
        if (line.startsWith("#")) {
            return; // a comment
        }
        sample(line);
    }

    private void descriptor(String line) {
        String[] parts = line.split(" ", 4);
        if (parts.length < 4 || !METRIC_NAME.matcher(parts[2]).matches()) {
            throw new IllegalArgumentException("malformed HELP or TYPE");
        }
        String name = parts[2];
        Family old = families.get(name);
        if (parts[1].equals("TYPE")) {
            if (!TYPES.contains(parts[3])) {
                throw new IllegalArgumentException("unknown type " + parts[3]);
            }
            if (old != null && old.type() != null) {
                throw new IllegalArgumentException("second TYPE for " + name);
            }
            if (old != null && !old.samples().isEmpty()) {
                throw new IllegalArgumentException("TYPE after samples of " + name);
            }
            families.put(name, new Family(name, parts[3], old == null ? null : old.help(), new ArrayList<>()));
        } else {
            if (old != null && old.help() != null) {
                throw new IllegalArgumentException("second HELP for " + name);
            }
            families.put(name, new Family(name, old == null ? null : old.type(), parts[3],
                    old == null ? new ArrayList<>() : old.samples()));
        }
    }

    private void sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        int nameEnd = brace >= 0 && brace < space ? brace : space;
        if (nameEnd <= 0) {
            throw new IllegalArgumentException("no value");
        }
        String name = line.substring(0, nameEnd);
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad metric name " + name);
        }
        Map<String, String> labels = new TreeMap<>();
        int rest = nameEnd;
        if (nameEnd == brace) {
            rest = labels(line, brace + 1, labels);
        }
        String[] tail = line.substring(rest).trim().split(" ");
        if (tail.length < 1 || tail.length > 2 || tail[0].isEmpty()) {
            throw new IllegalArgumentException("expected a value and an optional timestamp");
        }
        double value = number(tail[0]);
        if (tail.length == 2) {
            Long.parseLong(tail[1]);
        }
        Family family = familyOf(name, labels);
        for (Sample s : family.samples()) {
            if (s.name().equals(name) && s.labels().equals(labels)) {
                throw new IllegalArgumentException("duplicate series");
            }
        }
        family.samples().add(new Sample(name, Map.copyOf(labels), value));
    }

    /** Parses label="value",... from start up to the closing brace; returns the index after it. */
    private static int labels(String line, int start, Map<String, String> labels) {
        int i = start;
        while (true) {
            if (i >= line.length()) {
                throw new IllegalArgumentException("unclosed labels");
            }
            if (line.charAt(i) == '}') {
                return i + 1;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("malformed label");
            }
            String label = line.substring(i, eq);
            if (!LABEL_NAME.matcher(label).matches()) {
                throw new IllegalArgumentException("bad label name " + label);
            }
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < line.length() && line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\') {
                    char next = line.charAt(++j);
                    switch (next) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> throw new IllegalArgumentException("bad escape \\" + next);
                    }
                } else {
                    value.append(c);
                }
            }
            if (j >= line.length()) {
                throw new IllegalArgumentException("unclosed label value");
            }
            if (labels.put(label, value.toString()) != null) {
                throw new IllegalArgumentException("label " + label + " twice");
            }
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
    }

    private static double number(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number: " + text);
                }
            }
        };
    }

    /** The declared family the sample belongs to, by the names its type allows. */
    private Family familyOf(String name, Map<String, String> labels) {
        Family exact = families.get(name);
        if (exact != null && exact.type() != null && !exact.type().equals("histogram") && !exact.type().equals("summary")) {
            return exact;
        }
        for (String suffix : new String[] {"_bucket", "_sum", "_count", ""}) {
            if (!name.endsWith(suffix)) {
                continue;
            }
            Family f = families.get(name.substring(0, name.length() - suffix.length()));
            if (f == null || f.type() == null) {
                continue;
            }
            boolean allowed = switch (f.type()) {
                case "histogram" -> suffix.equals("_bucket") ? labels.containsKey("le")
                        : (suffix.equals("_sum") || suffix.equals("_count")) && !labels.containsKey("le");
                case "summary" -> suffix.isEmpty() ? labels.containsKey("quantile")
                        : (suffix.equals("_sum") || suffix.equals("_count")) && !labels.containsKey("quantile");
                default -> false;
            };
            if (allowed) {
                return f;
            }
        }
        throw new IllegalArgumentException("sample " + name + " of no declared family");
    }

    private static void checkHistogram(Family family) {
        if (!"histogram".equals(family.type())) {
            return;
        }
        Map<Map<String, String>, List<Sample>> bySeries = new LinkedHashMap<>();
        for (Sample s : family.samples()) {
            if (s.name().endsWith("_bucket")) {
                Map<String, String> rest = new TreeMap<>(s.labels());
                rest.remove("le");
                bySeries.computeIfAbsent(rest, k -> new ArrayList<>()).add(s);
            }
        }
        bySeries.forEach((labels, buckets) -> {
            double last = -1;
            double lastLe = Double.NEGATIVE_INFINITY;
            for (Sample b : buckets) {
                double le = number(b.labels().get("le"));
                if (le <= lastLe || b.value() < last) {
                    throw new IllegalArgumentException(family.name() + labels + ": buckets not cumulative in order");
                }
                lastLe = le;
                last = b.value();
            }
            if (lastLe != Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(family.name() + labels + ": no +Inf bucket");
            }
            if (last != family.value(family.name() + "_count", labels)) {
                throw new IllegalArgumentException(family.name() + labels + ": +Inf bucket differs from _count");
            }
        });
    }
}
