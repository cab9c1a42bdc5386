package io.mayhem.request;

import java.util.regex.Pattern;

/**
 * The rule for {@code instance_name}: a host label (RFC 1123), 1-63 of {@code [A-Za-z0-9-]} with no leading or
 * trailing {@code -}, so no spaces, dots, non-ASCII or control characters. The topic's decoder and
 * {@code POST /api/restarts} apply the same rule, so a request the operator API accepts is never dead-lettered.
 */
public final class HostLabel {

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private HostLabel() {
    }

    /** Why {@code instanceName} is not a host label, quoting it {@linkplain InputText#clip clipped}, or null when it is one. */
    public static String problem(String instanceName) {
        return LABEL.matcher(instanceName).matches() ? null
                : "instance_name is not a host label (1-63 of [A-Za-z0-9-], no leading or trailing '-'): '"
                  + InputText.clip(instanceName) + "'";
    }
}
