package org.tcpsim.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tcpsim.Version;
import org.tcpsim.config.ConfigException;
import org.tcpsim.config.ConfigProblem;
import org.tcpsim.plugin.PluginException;
import org.tcpsim.plugin.PluginRegistry;
import org.tcpsim.plugin.PluginSources;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Model.UsageMessageSpec;

/** The `tcpsim` command. Exit status: 0 success, 1 a run failed, 2 bad input (usage or experiment files). */
@Command(name = "tcpsim", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Discrete-event simulator of the Linux kernel TCP stack: JSON experiments in, CSV out.")
public final class Main {
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;
    /**
     * The subcommands by the name of their @Command (written out: reading eleven annotations costs a proxy each),
     * in the order of {@code tcpsim --help}.
     */
    static final Map<String, Class<?>> COMMANDS = commands("run", RunCommand.class, "sweep", SweepCommand.class,
            "validate", ValidateCommand.class, "merge", MergeCommand.class, "plugins", PluginsCommand.class,
            "sysctls", SysctlsCommand.class, "bench", BenchCommand.class, "plot", PlotCommand.class,
            "report", ReportCommand.class, "packetdrill", PacketdrillCommand.class, "help", CommandLine.HelpCommand.class);

    @Option(names = "--plugins", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "load the plugin jars in DIR (or the jar DIR names); repeatable. Also loaded: the entries of"
                    + " TCPSIM_PLUGINS (a ':'-separated list of directories and jars) and plugins/ beside the"
                    + " experiment file")
    List<Path> pluginDirs = new ArrayList<>();

    /** The environment (TCPSIM_PLUGINS), given by tests in place of the process's. */
    private Map<String, String> env = System.getenv();
    private PluginRegistry plugins;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit status (tests call this instead of main). */
    public static int execute(String... args) {
        return execute(System.getenv(), args);
    }

    /** Runs the command line with {@code env} as the environment. */
    public static int execute(Map<String, String> env, String... args) {
        Main main = new Main();
        main.env = env;
        CommandLine cli = new CommandLine(main);
        for (Class<?> command : subcommandsFor(args)) { // before the settings below: they apply to those present
            cli.addSubcommand(command);
        }
        cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Main::commandList);
        cli.registerConverter(Path.class, Main::path);
        cli.setExitCodeExceptionMapper(e -> e instanceof ConfigException ? EXIT_BAD_INPUT : EXIT_FAILED);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException ce) {
                cmd.getErr().println(ce.getMessage());
                cmd.getErr().flush();
                return EXIT_BAD_INPUT;
            }
            if (e instanceof BadInput || e instanceof PluginException) {
                cmd.getErr().println("tcpsim: " + ConfigProblem.printable(e.getMessage()));
                cmd.getErr().flush();
                return EXIT_BAD_INPUT;
            }
            if (e instanceof IOException io) { // the output directory, a full disk: the user's to fix, no bug to trace
                cmd.getErr().println("tcpsim: cannot write the results: " + describe(io));
                cmd.getErr().flush();
                return EXIT_FAILED;
            }
            cmd.getErr().println("tcpsim: error: " + e);
            e.printStackTrace(cmd.getErr());
            cmd.getErr().flush();
            return EXIT_FAILED;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("tcpsim: " + ConfigProblem.printable(e.getMessage()));
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return EXIT_BAD_INPUT;
        });
        return cli.execute(args);
    }

    /**
     * The subcommands to build for {@code args}: only the one named when it is the first word after the global
     * --plugins options, as picocli reads such a line the same way with or without the others (building every
     * command's model from its annotations took half of picocli's start-up); all of them otherwise (help,
     * --version, a mistyped name, which picocli answers with the list).
     */
    static Collection<Class<?>> subcommandsFor(String... args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--plugins")) {
                i++; // its DIR
            } else if (!a.startsWith("--plugins=")) {
                Class<?> named = a.equals("help") ? null : COMMANDS.get(a);
                return named != null ? List.of(named) : COMMANDS.values();
            }
        }
        return COMMANDS.values();
    }

    private static Map<String, Class<?>> commands(Object... nameThenClass) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (int i = 0; i < nameThenClass.length; i += 2) {
            byName.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
        }
        return Collections.unmodifiableMap(byName);
    }

    /**
     * The command list of {@code tcpsim --help}: each command with the first sentence of its description,
     * whole (picocli's default shows the description's first line, which may stop mid-sentence).
     */
    private static String commandList(CommandLine.Help help) {
        Map<String, String> rows = new LinkedHashMap<>();
        help.subcommands().forEach((name, sub) -> rows.put(name, firstSentence(sub.commandSpec().usageMessage())));
        return rows.isEmpty() ? "" : help.createTextTable(rows).toString();
    }

    private static final Pattern SENTENCE_END = Pattern.compile("\\.\\s+(?=[A-Z])");

    /** The header if the command has one, else its description up to the first full stop, on one line. */
    static String firstSentence(UsageMessageSpec usage) {
        String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
        String text = String.join(" ", lines).replaceAll("\\s+", " ").strip();
        Matcher end = SENTENCE_END.matcher(text); // "e.g. after" goes on: a sentence ends before a capital
        return end.find() ? text.substring(0, end.start() + 1) : text;
    }

    /**
     * The plugins this command loads: the simulator's own, every jar of --plugins and TCPSIM_PLUGINS,
     * and of plugins/ beside each of {@code experiments}; loaded once per command.
     *
     * @throws PluginException when a jar cannot be loaded (exit status 2)
     */
    PluginRegistry plugins(List<Path> experiments) {
        if (plugins == null) {
            List<Path> jars = PluginSources.jars(pluginDirs, env.get(PluginSources.ENV), experiments);
            plugins = jars.isEmpty() ? PluginRegistry.builtin() : PluginRegistry.load(jars);
        }
        return plugins;
    }

    /** A path argument; one the OS cannot name (a NUL in it) is a usage error, without Java's exception name. */
    private static Path path(String text) {
        if (text.isEmpty()) {
            throw new CommandLine.TypeConversionException("an empty path names no file");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new CommandLine.TypeConversionException("not a usable path: " + e.getReason());
        }
    }

    /** "PATH: why" for the file-system exceptions whose message is only the path. */
    static String describe(IOException e) {
        if (e instanceof FileSystemException fs) {
            return fs.getFile() + ": " + (fs.getReason() != null ? fs.getReason()
                    : e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT));
        }
        return String.valueOf(e.getMessage());
    }

    /** A problem with the user's command or files that is not located in a JSON document. */
    static final class BadInput extends RuntimeException {
        BadInput(String message) {
            super(message, null, false, false);
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tcpsim " + Version.get()};
        }
    }
}
