package com.vrooli.telemetry.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs an action on {@code SIGHUP} instead of letting the signal end the process (the JVM's default
 * for it is to exit). Java has no public API for signals; {@code sun.misc.Signal} (module
 * {@code jdk.unsupported}, exported on purpose for this) is the one way. It is reached by reflection
 * because javac's warning about proprietary API cannot be suppressed otherwise. Stateless.
 */
final class HangupSignal {

    private static final Logger LOG = Logger.getLogger(HangupSignal.class.getName());

    private HangupSignal() {
    }

    /**
     * Installs {@code action} as the {@code SIGHUP} handler; it runs on the JVM's signal thread.
     *
     * @return whether the handler is installed (false, and logged, on a platform without SIGHUP and in
     *         a process started with SIGHUP ignored, as {@code nohup} does)
     */
    static boolean onHangup(Runnable action) {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object hup = signalType.getConstructor(String.class).newInstance("HUP");
            Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            run(action);
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "SIGHUP handler";
                    });
            Object previous = signalType.getMethod("handle", signalType, handlerType).invoke(null, hup, handler);
            if (previous == handlerType.getField("SIG_IGN").get(null)) {
                // HotSpot leaves a signal ignored at start ignored (nohup): the handler is never called.
                LOG.warning("SIGHUP is ignored in this process (started under nohup?), so it cannot reload the"
                        + " tokens; change the tokens file instead, or start the server without ignoring SIGHUP");
                return false;
            }
            return true;
        } catch (ClassNotFoundException | NoSuchMethodException | NoSuchFieldException | InstantiationException
                 | IllegalAccessException | InvocationTargetException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot handle SIGHUP here; reload tokens by changing the tokens file", e);
            return false;
        }
    }

    private static void run(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // Never let a failed reload kill the signal thread or the process.
            LOG.log(Level.WARNING, "SIGHUP handler failed", e);
        }
    }
}
