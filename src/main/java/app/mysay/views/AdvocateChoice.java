package app.mysay.views;

public enum AdvocateChoice {
    WANT_ONE, HAVE_ONE, NO_THANKS
}
