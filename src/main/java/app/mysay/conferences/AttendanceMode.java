package app.mysay.conferences;

public enum AttendanceMode {
    IN_PERSON, VIDEO, HYBRID
}
