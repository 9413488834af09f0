package dev.newsflow.sink.search;

import java.util.List;
import java.util.stream.Collectors;

/** Query parameters that cannot be used, each with what is wrong; the API answers 400 with them. */
public final class InvalidQueryException extends IllegalArgumentException {
    private final List<Problem> problems;

    /**
     * One parameter and what is wrong with it.
     *
     * @param parameter the parameter's name
     * @param message what is wrong and what is expected
     */
    public record Problem(String parameter, String message) {}

    public InvalidQueryException(List<Problem> problems) {
        super(
                problems.stream()
                        .map(p -> p.parameter() + ": " + p.message())
                        .collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    /** What is wrong, one entry per problem, in parameter order. */
    public List<Problem> problems() {
        return problems;
    }
}
