package org.tcpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** tcpsim builds only the subcommand a command line names, and every one when it names none. */
class MainSubcommandsTest {
    @Test
    void the_named_command_alone_is_built_after_the_global_plugin_options() {
        assertEquals(List.of(RunCommand.class), List.copyOf(Main.subcommandsFor("run", "x.json")));
        assertEquals(List.of(SweepCommand.class),
                List.copyOf(Main.subcommandsFor("--plugins", "run", "sweep", "x.json")), "a plugin folder named run");
        assertEquals(List.of(ValidateCommand.class), List.copyOf(Main.subcommandsFor("--plugins=d", "validate")));
        assertEquals(List.of(BenchCommand.class), List.copyOf(Main.subcommandsFor("bench", "--suite", "scale")));
    }

    @Test
    void help_version_and_unknown_words_get_every_command() {
        for (String[] args : new String[][] {{}, {"help", "run"}, {"--help"}, {"-V"}, {"runn", "x"},
                {"--plugins", "d"}, {"--plugins", "d", "--version", "run"}}) {
            assertEquals(List.copyOf(Main.COMMANDS.values()), List.copyOf(Main.subcommandsFor(args)), String.join(" ", args));
        }
        assertEquals(List.of("run", "sweep", "validate", "merge", "plugins", "sysctls", "bench", "plot", "report",
                "packetdrill", "help"), List.copyOf(Main.COMMANDS.keySet()));
    }

    @Test
    void each_command_is_listed_under_the_name_of_its_annotation() {
        Main.COMMANDS.forEach((name, c) -> assertEquals(c.getAnnotation(CommandLine.Command.class).name(), name));
    }

    @Test
    void a_command_built_alone_has_the_usage_it_has_among_all() {
        CommandLine all = new CommandLine(new Main());
        Main.COMMANDS.values().forEach(all::addSubcommand);
        for (String name : Main.COMMANDS.keySet()) {
            CommandLine alone = new CommandLine(new Main());
            Main.subcommandsFor(name).forEach(alone::addSubcommand);
            assertEquals(all.getSubcommands().get(name).getUsageMessage(),
                    alone.getSubcommands().get(name).getUsageMessage(), name);
        }
    }

    /** A lone '%' in a description is a format directive to picocli, which then warns on stderr. */
    @Test
    void every_usage_renders_without_a_picocli_warning() {
        CommandLine all = new CommandLine(new Main());
        Main.COMMANDS.values().forEach(all::addSubcommand);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String plot;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            all.getUsageMessage();
            all.getSubcommands().values().forEach(CommandLine::getUsageMessage);
            plot = all.getSubcommands().get("plot").getUsageMessage();
        } finally {
            System.setErr(err);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
        assertTrue(plot.replaceAll("\\s+", " ").contains("its 95 % interval over seeds"), plot);
    }
}
