package org.remotestruct.processor.model;

import java.util.Set;
import java.util.regex.Pattern;

/** Naming rules shared by the validator (to find clashes) and the generators (to emit names). */
public final class Names {

    private static final Pattern C_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** C11 keywords; a struct or member with one of these names would not compile in the header. */
    private static final Set<String> C_KEYWORDS = Set.of(
            "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else",
            "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long", "register",
            "restrict", "return", "short", "signed", "sizeof", "static", "struct", "switch",
            "typedef", "union", "unsigned", "void", "volatile", "while", "_Alignas", "_Alignof",
            "_Atomic", "_Bool", "_Complex", "_Generic", "_Imaginary", "_Noreturn", "_Static_assert",
            "_Thread_local", "bool", "true", "false");

    private Names() {
    }

    /** {@code maxHp} → {@code MAX_HP}, {@code HTTPServer} → {@code HTTP_SERVER}, {@code max_hp} → {@code MAX_HP}. */
    public static String upperSnake(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i > 0 && Character.isUpperCase(c) && startsWord(name, i)) {
                sb.append('_');
            }
            sb.append(Character.toUpperCase(c));
        }
        return sb.toString();
    }

    private static boolean startsWord(String name, int i) {
        char prev = name.charAt(i - 1);
        boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        return Character.isLowerCase(prev) || Character.isDigit(prev)
                || (Character.isUpperCase(prev) && nextLower);
    }

    /** {@code hp} → {@code Hp}, for {@code readHp}/{@code writeHp}. */
    public static String capitalize(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** Whether {@code name} can name a C struct or member: an identifier and not a keyword. */
    public static boolean isCIdentifier(String name) {
        return C_IDENTIFIER.matcher(name).matches() && !C_KEYWORDS.contains(name);
    }
}
