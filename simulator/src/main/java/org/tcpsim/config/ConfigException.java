package org.tcpsim.config;

import java.util.List;
import java.util.stream.Collectors;

/** Bad configuration: carries every problem found, each formatted on its own line by {@link #getMessage()}. */
public final class ConfigException extends Exception {

    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(null, null, false, false); // a user error, not a bug: no stack trace to fill or print
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public static ConfigException of(ConfigProblem problem) {
        return new ConfigException(List.of(problem));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    @Override
    public String getMessage() {
        return problems.stream().map(ConfigProblem::format).collect(Collectors.joining("\n"));
    }
}
