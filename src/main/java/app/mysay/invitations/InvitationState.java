package app.mysay.invitations;

public enum InvitationState {
    OPEN, REDEEMED, EXPIRED, REPLACED
}
