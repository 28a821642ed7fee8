package com.vrooli.telemetry.store.jsonl.directory;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The store's own rules for scenario names, on top of core's (which already keep a name to
 * {@code [A-Za-z0-9._-]}, so it is one plain file name):
 * <ul>
 *   <li><b>Letter case.</b> Two names that differ only in letter case would share one file on a
 *       case-insensitive file system (Windows, default macOS). On every file system, so that a
 *       directory behaves the same wherever it is copied, the first spelling stored owns the name
 *       and events of another spelling are refused one by one with a plain-words reason naming the
 *       owner. They are not folded into the owner: two apps that chose different spellings keep
 *       their data apart, and the sender learns the name to use.</li>
 *   <li><b>Windows device names.</b> On a Windows file system {@code CON}, {@code PRN}, {@code AUX},
 *       {@code NUL}, {@code COM0}-{@code COM9} and {@code LPT0}-{@code LPT9}, with any extension,
 *       name devices, not files (writing {@code NUL.jsonl} would lose every event), so they are
 *       refused there. Elsewhere they are ordinary names.</li>
 * </ul>
 * Stateless.
 */
public final class ScenarioNames {

    private static final Set<String> DEVICES = Set.of("con", "prn", "aux", "nul");

    private ScenarioNames() {
    }

    /** The key two spellings share when they differ only in letter case (names are ASCII). */
    static String fold(String scenario) {
        return scenario.toLowerCase(Locale.ROOT);
    }

    /** Why events of {@code scenario} are refused while {@code owner} owns its folded name. */
    public static String caseConflict(String scenario, String owner) {
        return "scenario '" + scenario + "' differs only in letter case from the stored scenario '" + owner
                + "'; names like these would share one file on some systems, so send it as '" + owner
                + "' or choose another name";
    }

    /** Why {@code scenario} cannot be a file name in {@code dir}, or null when it can. */
    public static String fileNameProblem(Path dir, String scenario) {
        if (isWindows(dir) && isDeviceName(scenario)) {
            return "scenario '" + scenario + "' is a device name on Windows and cannot name a file there;"
                    + " choose another name";
        }
        return null;
    }

    static boolean isDeviceName(String scenario) {
        int dot = scenario.indexOf('.');
        String base = fold(dot < 0 ? scenario : scenario.substring(0, dot));
        if (DEVICES.contains(base)) {
            return true;
        }
        return base.length() == 4 && (base.startsWith("com") || base.startsWith("lpt"))
                && Character.isDigit(base.charAt(3));
    }

    private static boolean isWindows(Path dir) {
        return "\\".equals(dir.getFileSystem().getSeparator());
    }
}
