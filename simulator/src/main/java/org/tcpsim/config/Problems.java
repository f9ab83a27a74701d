package org.tcpsim.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects problems so a user sees every mistake in a file at once, in the order found.
 * Reporting the same problem twice (same file, place and message) keeps one copy.
 * Not thread-safe: one sink per validation pass.
 */
public final class Problems {

    private final Set<ConfigProblem> problems = new LinkedHashSet<>();

    public void add(ConfigProblem problem) {
        problems.add(problem);
    }

    public void addAll(ConfigException e) {
        e.problems().forEach(this::add);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public int size() {
        return problems.size();
    }

    /** An immutable snapshot, in the order reported. */
    public List<ConfigProblem> list() {
        return List.copyOf(problems);
    }

    public void throwIfAny() throws ConfigException {
        if (!problems.isEmpty()) {
            throw new ConfigException(list());
        }
    }
}
