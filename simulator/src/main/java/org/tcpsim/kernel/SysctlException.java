package org.tcpsim.kernel;

/**
 * A sysctl write that Linux (or the registry) would refuse. The message is meant for users:
 * it names the sysctl and says what is expected.
 */
public final class SysctlException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the write was refused. */
    public enum Kind {
        /** No sysctl of that name exists on any supported kernel. */
        UNKNOWN,
        /** The sysctl exists, but not on the host's kernel profile. */
        NOT_ON_KERNEL,
        /** The value does not have the sysctl's syntax. */
        SYNTAX,
        /** The value is well formed but outside what the kernel's proc handler accepts. */
        RANGE
    }

    private final Kind kind;
    private final String sysctlName;

    public SysctlException(Kind kind, String sysctlName, String message) {
        super(message);
        this.kind = kind;
        this.sysctlName = sysctlName;
    }

    public Kind kind() {
        return kind;
    }

    /** The name as the user wrote it. */
    public String sysctlName() {
        return sysctlName;
    }
}
