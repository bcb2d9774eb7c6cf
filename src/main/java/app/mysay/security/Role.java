package app.mysay.security;

/** Who is calling. The first four are staff accounts; a CHILD signs in with a bound device and a PIN. */
public enum Role {
    SOCIAL_WORKER, CHAIR, ADVOCATE, MANAGER, CHILD;

    public static final String SOCIAL_WORKER_NAME = "SOCIAL_WORKER";
    public static final String CHAIR_NAME = "CHAIR";
    public static final String ADVOCATE_NAME = "ADVOCATE";
    public static final String MANAGER_NAME = "MANAGER";
    public static final String CHILD_NAME = "CHILD";

    public boolean isStaff() {
        return this != CHILD;
    }
}
