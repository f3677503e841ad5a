package io.rivulet.engine.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/cli.md keeps up with the command: every command has a section, the section names each of its options, and
 * a section's heading names no option its command lacks. Scripts and docs rely on these forms, so a renamed or
 * added option that the page does not show fails here.
 */
class CliDocsTest {
    /** Options cli.md explains once for every command ("Where a command's data is"), and picocli's own. */
    private static final Set<String> SHARED = Set.of("--data-dir", "--bootstrap", "--client-config", "--help",
            "--version");
    private static final Pattern HEADING = Pattern.compile("^(#{2,3}) `(?:rivulet )?([^`]+)`", Pattern.MULTILINE);
    private static final Pattern OPTION = Pattern.compile("--[a-z][a-z-]*");

    @Test
    void everyCommandHasASectionThatNamesEachOfItsOptions() throws IOException {
        Map<String, String> sections = sections();
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        commands().forEach((name, options) -> {
            String text = sections.get(name);
            assertTrue(text != null, "docs/cli.md has no section for `rivulet " + name + "`; sections: "
                    + sections.keySet());
            Set<String> absent = new TreeSet<>();
            for (String option : options) {
                if (!SHARED.contains(option) && !Pattern.compile(Pattern.quote(option) + "(?![a-z-])").matcher(text).find()) {
                    absent.add(option);
                }
            }
            if (!absent.isEmpty()) {
                missing.put(name, absent);
            }
        });
        assertEquals(Map.of(), missing, "options the command has but its section in docs/cli.md does not name");
    }

    @Test
    void aSectionHeadingNamesOnlyOptionsItsCommandHas() throws IOException {
        Map<String, Set<String>> commands = commands();
        Map<String, Set<String>> unknown = new LinkedHashMap<>();
        Matcher m = HEADING.matcher(docs());
        while (m.find()) {
            String name = commandNamed(m.group(2), commands.keySet());
            if (name == null) {
                continue; // a section about something else, e.g. "Where a command's data is"
            }
            Set<String> extra = new TreeSet<>();
            Matcher o = OPTION.matcher(m.group(2));
            while (o.find()) {
                if (!commands.get(name).contains(o.group()) && !SHARED.contains(o.group())) {
                    extra.add(o.group());
                }
            }
            if (!extra.isEmpty()) {
                unknown.put(name, extra);
            }
        }
        assertEquals(Map.of(), unknown, "options docs/cli.md's headings show that the command does not have");
    }

    /** Each command's name (as typed after `rivulet`) with its option names, subcommands included. */
    private static Map<String, Set<String>> commands() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        CommandLine root = Cli.commandLine(CliRunner.context(new ManualStop(), "", new StringWriter(), new StringWriter()));
        collect(root, out);
        return out;
    }

    private static void collect(CommandLine command, Map<String, Set<String>> out) {
        for (CommandLine sub : command.getSubcommands().values()) {
            String name = sub.getCommandSpec().qualifiedName(" ").replaceFirst("^rivulet ", "");
            if (out.containsKey(name)) {
                continue; // an alias of a command already seen
            }
            Set<String> options = new TreeSet<>();
            for (OptionSpec option : sub.getCommandSpec().options()) {
                options.addAll(Arrays.stream(option.names()).filter(n -> n.startsWith("--")).toList());
            }
            out.put(name, options);
            collect(sub, out);
        }
    }

    /**
     * Each command's section: from its heading to the next heading of its level or above. A heading belongs to the
     * longest command name its words start with ({@code perf produce|consume|e2e T …} is {@code perf}).
     */
    private static Map<String, String> sections() throws IOException {
        String text = docs();
        Set<String> names = commands().keySet();
        List<int[]> headings = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        Matcher m = HEADING.matcher(text);
        while (m.find()) {
            headings.add(new int[] {m.start(), m.group(1).length()});
            owners.add(commandNamed(m.group(2), names));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < headings.size(); i++) {
            if (owners.get(i) == null) {
                continue;
            }
            int level = headings.get(i)[1];
            int end = text.length();
            Matcher next = Pattern.compile("^#{2," + level + "} ", Pattern.MULTILINE).matcher(text);
            if (next.find(headings.get(i)[0] + 1)) {
                end = next.start();
            }
            out.merge(owners.get(i), text.substring(headings.get(i)[0], end), String::concat);
        }
        return out;
    }

    private static String commandNamed(String heading, Set<String> names) {
        String[] words = heading.trim().split("\\s+");
        String found = null;
        StringBuilder prefix = new StringBuilder();
        for (String word : words) {
            prefix.append(prefix.length() == 0 ? "" : " ").append(word);
            if (names.contains(prefix.toString())) {
                found = prefix.toString();
            }
        }
        return found;
    }

    private static String docs() throws IOException {
        return Files.readString(Path.of("..", "docs", "cli.md"));
    }
}
