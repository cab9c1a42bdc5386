package io.mayhem.operator;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may call the operator API, from {@code mayhem.api.users}: entries {@code <name>:<groups>:<hash>} separated by
 * commas, groups separated by {@code +} (none is allowed), the hash a {@link PasswordHash}. Example:
 * {@code ops:operator:PBKDF2WithHmacSHA256:600000:<salt>:<hash>}. A group grants the role of the same name.
 */
public final class Callers {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    /** An authenticated caller. */
    public record Caller(String name, Set<String> groups) {
    }

    private record Entry(Caller caller, PasswordHash hash) {
    }

    private final Map<String, Entry> byName;
    private final PasswordHash decoy;
    private final java.util.concurrent.atomic.AtomicLong hashes = new java.util.concurrent.atomic.AtomicLong();

    private Callers(Map<String, Entry> byName) {
        this.byName = byName;
        this.decoy = byName.isEmpty() ? null : byName.values().iterator().next().hash();
    }

    /** Parses the setting; null or blank means nobody. A bad entry is refused with its number, never its hash. */
    public static Callers parse(String spec) {
        Map<String, Entry> byName = new LinkedHashMap<>();
        if (spec != null && !spec.isBlank()) {
            String[] entries = spec.split(",", -1);
            for (int i = 0; i < entries.length; i++) {
                Entry entry = entry(entries[i].strip(), i + 1);
                if (byName.putIfAbsent(entry.caller().name(), entry) != null) {
                    throw bad(i + 1, "user '" + entry.caller().name() + "' is there twice");
                }
            }
        }
        return new Callers(byName);
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** The caller whose name and password these are. An unknown name costs a hash as well, so timing tells nothing. */
    public Optional<Caller> authenticate(String name, String password) {
        Entry entry = byName.get(name);
        if (entry == null) {
            if (decoy != null) {
                hashes.incrementAndGet();
                decoy.matches(password);
            }
            return Optional.empty();
        }
        hashes.incrementAndGet();
        return entry.hash().matches(password) ? Optional.of(entry.caller()) : Optional.empty();
    }

    /** How many password hashes {@link #authenticate} ran since start (one per call while anyone is configured). */
    public long hashesRun() {
        return hashes.get();
    }

    private static Entry entry(String text, int number) {
        String[] parts = text.split(":", 3);
        if (parts.length < 3) {
            throw bad(number, "not of the form <name>:<groups>:<hash>");
        }
        if (!NAME.matcher(parts[0]).matches()) {
            throw bad(number, "the name must be 1-64 of [A-Za-z0-9._@-]");
        }
        Set<String> groups = new LinkedHashSet<>();
        for (String group : parts[1].isEmpty() ? new String[0] : parts[1].split("\\+", -1)) {
            if (!NAME.matcher(group).matches()) {
                throw bad(number, "a group must be 1-64 of [A-Za-z0-9._@-], groups separated by '+'");
            }
            groups.add(group);
        }
        try {
            return new Entry(new Caller(parts[0], Set.copyOf(groups)), PasswordHash.parse(parts[2]));
        } catch (IllegalArgumentException e) {
            throw bad(number, "password hash " + e.getMessage());
        }
    }

    private static IllegalArgumentException bad(int number, String why) {
        return new IllegalArgumentException("mayhem.api.users entry " + number + ": " + why);
    }
}
