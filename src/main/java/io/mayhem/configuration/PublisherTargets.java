package io.mayhem.configuration;

import io.mayhem.request.HostLabel;
import io.mayhem.request.InputText;
import java.util.Arrays;
import java.util.List;

/**
 * What the scheduled publisher names ({@code mayhem.publisher.targets}): {@code random} (the original's
 * {@code cattle-xxxx}), {@code list:a,b,c} (one of these instance names at random) or {@code selector:app=web}
 * (one of the pods that match this label selector in {@code mayhem.restarter.namespace}; only with the
 * {@code kubernetes} restarter).
 *
 * @param kind which of the three
 * @param names the instance names of a list, each a host label; empty otherwise
 * @param selector the label selector, as Kubernetes writes it; null unless {@code kind} is SELECTOR
 */
public record PublisherTargets(Kind kind, List<String> names, String selector) {

    private static final String KEY = "mayhem.publisher.targets";

    /** The three sources of names. */
    public enum Kind { RANDOM, LIST, SELECTOR }

    public PublisherTargets {
        names = List.copyOf(names);
    }

    /** The original's: random {@code cattle-xxxx} names. */
    public static PublisherTargets random() {
        return new PublisherTargets(Kind.RANDOM, List.of(), null);
    }

    /**
     * @param text the setting's value
     * @param restarter the restarter in use: a selector needs {@code kubernetes}
     * @throws IllegalArgumentException naming the key when the text is none of the three forms, a listed name is not
     *                                  a host label, or a selector is given without the kubernetes restarter
     */
    public static PublisherTargets parse(String text, RestarterSettings.Kind restarter) {
        String value = text == null ? "" : text.strip();
        if (value.equals("random")) {
            return random();
        }
        if (value.startsWith("list:")) {
            List<String> names = Arrays.stream(value.substring(5).split(",", -1)).map(String::strip).toList();
            for (String name : names) {
                String problem = HostLabel.problem(name);
                if (problem != null) {
                    throw new IllegalArgumentException(KEY + ": " + problem);
                }
            }
            return new PublisherTargets(Kind.LIST, names, null);
        }
        if (value.startsWith("selector:")) {
            String selector = value.substring(9).strip();
            if (selector.isEmpty() || selector.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException(KEY + ": the label selector is empty or has a control character");
            }
            if (restarter != RestarterSettings.Kind.KUBERNETES) {
                throw new IllegalArgumentException(KEY + "=selector:... lists pods through the Kubernetes API and needs "
                        + "mayhem.restarter=kubernetes, but mayhem.restarter is " + restarter.key());
            }
            return new PublisherTargets(Kind.SELECTOR, List.of(), selector);
        }
        throw new IllegalArgumentException(KEY + " must be random, list:<name>,<name>,... or selector:<label selector>, was '"
                + InputText.clip(value) + "'");
    }
}
