package org.tcpsim.plugin.jarred;

/** A class a broken jar lists as a plugin although it implements nothing of the API. */
public final class NotAPlugin {
}
