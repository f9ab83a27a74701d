package org.tcpsim.net;

import java.util.Arrays;

/** IPv4 address -> node index, open addressing on primitive ints (looked up once per packet sent). */
final class AddressTable {
    private int[] keys = new int[16];
    private int[] values = new int[16];
    private boolean[] used = new boolean[16];
    private int size;

    void put(int address, int node) {
        if ((size + 1) * 2 > keys.length) {
            rehash(keys.length * 2);
        }
        int i = slot(address);
        if (!used[i]) {
            used[i] = true;
            keys[i] = address;
            size++;
        }
        values[i] = node;
    }

    /** The node owning {@code address}, or -1. */
    int get(int address) {
        int mask = keys.length - 1;
        for (int i = mix(address) & mask; used[i]; i = (i + 1) & mask) {
            if (keys[i] == address) {
                return values[i];
            }
        }
        return -1;
    }

    private int slot(int address) {
        int mask = keys.length - 1;
        int i = mix(address) & mask;
        while (used[i] && keys[i] != address) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void rehash(int capacity) {
        int[] k = keys;
        int[] v = values;
        boolean[] u = used;
        keys = new int[capacity];
        values = new int[capacity];
        used = new boolean[capacity];
        size = 0;
        for (int i = 0; i < k.length; i++) {
            if (u[i]) {
                put(k[i], v[i]);
            }
        }
        Arrays.fill(u, false);
    }

    private static int mix(int x) {
        x *= 0x9E3779B9;
        return x ^ (x >>> 16);
    }
}
