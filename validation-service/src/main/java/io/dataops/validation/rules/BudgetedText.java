package io.dataops.validation.rules;

/**
 * A value as java.util.regex reads it, counting every character read and giving up past a budget: the matcher
 * has no time limit of its own and ignores interrupts, but every step of its backtracking reads a character.
 */
final class BudgetedText implements CharSequence {
    private final String text;
    private final int[] reads;
    private final int budget;

    BudgetedText(String text, int budget) {
        this(text, new int[1], budget);
    }

    private BudgetedText(String text, int[] reads, int budget) {
        this.text = text;
        this.reads = reads;
        this.budget = budget;
    }

    @Override
    public char charAt(int index) {
        if (++reads[0] > budget) {
            throw new Exhausted();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        // shares the count: a group or a look-around read through a sub-sequence spends the same budget
        return new BudgetedText(text.substring(start, end), reads, budget);
    }

    @Override
    public String toString() {
        return text;
    }

    /** The budget is spent; thrown out of the matcher, caught by the check. */
    static final class Exhausted extends RuntimeException {
        Exhausted() {
            // no stack trace: it is an answer, thrown once per value that exhausts the budget
            super("regular expression step budget exhausted", null, false, false);
        }
    }
}
