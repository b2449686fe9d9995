namespace BulkEnroll.Sandbox.Enrollment;

/// <summary>What the tenant does when a PC that already has an active record enrolls again (same HWDevID, as after
/// a re-image or a second package run). Ivanti does not document it [GAP], so the sandbox offers both plausible
/// behaviours; docs/reference/mdm-enrollment.md#re-enrollment says what the module must do with each.</summary>
public enum ReenrollmentMode
{
    /// <summary>A new record is made and the old one is retired: one active record per PC, a new device id.</summary>
    NewRecordRetiresOld,

    /// <summary>The active record is reused: same device id, enroller and owner become the enrolling account.</summary>
    ReuseRecord,
}
