-- Case documents get a visibility (ADR 0210): 'internal' = the handling authorities only (staff, the district handling the
-- case); 'shared' = also the parties and the read-only participants who see the case. Staff uploads default to internal;
-- evidence the complainant submitted with the complaint is shared.
ALTER TABLE complaint_files
    ADD COLUMN visibility text NOT NULL DEFAULT 'internal' CHECK (visibility IN ('internal', 'shared'));

-- Existing files: what came in with an online complaint (anonymous, or by the signed-in complainant) is the complainant's own
-- evidence; everything uploaded afterwards by staff stays internal until staff share it.
UPDATE complaint_files f SET visibility = 'shared'
FROM complaints c
WHERE c.id = f.complaint_id AND c.channel = 'online' AND f.kind = 'evidence'
  AND (f.uploaded_by IS NULL OR f.uploaded_by = c.submitted_by);

-- Notification retention (ADR 0211): the daily clean-up finds old notifications by age.
CREATE INDEX notifications_created ON notifications (created_at);
