package org.tcpsim.packetdrill;

import java.nio.file.Path;
import java.util.List;

/**
 * A parsed packetdrill script: options written in it ({@code --tolerance_usecs=10000}), the init
 * command, the events in order, and the cleanup command.
 *
 * @param initCommand back-quoted shell text run before the first event, or null
 * @param cleanupCommand back-quoted shell text after the last event, or null
 */
record Script(Path file, List<Option> options, Command initCommand, List<Event> events, Command cleanupCommand) {

    /** {@code --name=value} or {@code --name} (value null). */
    record Option(String name, String value, int line, int column) {
    }

    /** A back-quoted shell command. */
    record Command(String text, int line, int column) {
    }

    /** When an event happens, as written: packetdrill's event_time. Times in microseconds. */
    enum TimeKind {
        ABSOLUTE,
        /** {@code +t}: after the previous event. */
        RELATIVE,
        /** {@code *}: any time (outbound packets only). */
        ANY,
        /** {@code a~b}. */
        ABSOLUTE_RANGE,
        /** {@code +a~+b}. */
        RELATIVE_RANGE
    }

    /** One line of the script: a time and what happens then. */
    record Event(int line, int column, TimeKind timeKind, long timeUs, long timeEndUs, Action action) {
    }

    /** What an event does. */
    sealed interface Action permits PacketSpec, SyscallSpec, CommandAction, CodeAction {
    }

    /** A back-quoted shell command as an event. */
    record CommandAction(String text) implements Action {
    }

    /** A {@code %{ ... }%} block (Python in packetdrill; assertions over tcpi_* here). */
    record CodeAction(String text) implements Action {
    }
}
