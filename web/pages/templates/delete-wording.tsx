/**
 * What deleting a template does, as the server does it (worker/routes/templates.ts): accounts keep
 * the plan snapshot they were given; an active or paused workflow whose published version applies
 * the template makes the server refuse (409, shown in the dialog); drafts and archived workflows
 * do not stop it, and their Apply template step then names a template that no longer exists.
 */
export function DeleteTemplateWording() {
  return (
    <>
      <p>Accounts whose plan came from this template keep their plan as it is; nothing in them changes.</p>
      <p>
        If an active or paused workflow’s published version has an Apply template step that uses it, the template is not deleted: point that step at another
        template and publish, or archive the workflow, first. Drafts and archived workflows that use it do not stop the deletion, but their Apply template step
        will need another template before they run.
      </p>
    </>
  );
}
