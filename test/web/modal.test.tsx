import { fireEvent, render, screen } from "@testing-library/preact";
import { useState } from "preact/hooks";
import { describe, expect, it, vi } from "vitest";
import { ConfirmDialog } from "../../web/components/confirm-dialog";
import { Modal, ModalBody, ModalFooter } from "../../web/components/modal";

function Harness({ onClose = () => {} }: { onClose?: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button onClick={() => setOpen(true)}>Open</button>
      <Modal
        open={open}
        title="Edit thing"
        onClose={() => {
          onClose();
          setOpen(false);
        }}
      >
        <ModalBody>
          <input aria-label="First" />
        </ModalBody>
        <ModalFooter>
          <button>Last</button>
        </ModalFooter>
      </Modal>
    </>
  );
}

describe("Modal", () => {
  it("moves focus in, traps Tab, closes on Esc and gives focus back", () => {
    const onClose = vi.fn();
    render(<Harness onClose={onClose} />);
    const opener = screen.getByRole("button", { name: "Open" });
    opener.focus();
    fireEvent.click(opener);
    const dialog = screen.getByRole("dialog", { name: "Edit thing" });
    const first = screen.getByLabelText("First");
    const last = screen.getByRole("button", { name: "Last" });
    expect(document.activeElement).toBe(first);

    last.focus();
    fireEvent.keyDown(dialog, { key: "Tab" });
    // Tab from the last control wraps to the first focusable one (the close button).
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Close dialog" }));
    fireEvent.keyDown(dialog, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(last);

    fireEvent.keyDown(dialog, { key: "Escape" });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});

describe("ConfirmDialog", () => {
  it("runs the action, and shows its failure inside the dialog", async () => {
    const onConfirm = vi.fn().mockRejectedValueOnce(new Error("Pool is used by an active workflow")).mockResolvedValueOnce(undefined);
    render(
      <ConfirmDialog open title="Delete pool?" confirmLabel="Delete pool" onConfirm={onConfirm} onCancel={() => {}}>
        Gone for good.
      </ConfirmDialog>,
    );
    expect(screen.getByRole("alertdialog", { name: "Delete pool?" })).toBeTruthy();
    // Focus starts on Cancel, the safe choice.
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Cancel" }));
    fireEvent.click(screen.getByRole("button", { name: "Delete pool" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Pool is used by an active workflow");
    fireEvent.click(screen.getByRole("button", { name: "Delete pool" }));
    await vi.waitFor(() => expect(onConfirm).toHaveBeenCalledTimes(2));
  });
});

describe("ConfirmDialog after a failure", () => {
  it("keeps Esc working when the clicked button lost the focus while busy", async () => {
    const onCancel = vi.fn();
    render(
      <ConfirmDialog open title="Activate?" confirmLabel="Activate workflow" onConfirm={() => Promise.reject(new Error("Publish the workflow before activating it."))} onCancel={onCancel}>
        Runs start.
      </ConfirmDialog>,
    );
    const confirm = screen.getByRole("button", { name: "Activate workflow" });
    confirm.focus();
    fireEvent.click(confirm);
    // While busy the button is disabled, which (in a browser) drops the focus to <body>.
    (document.activeElement as HTMLElement | null)?.blur();
    await screen.findByRole("alert");
    // The dialog takes the focus back, and Esc from <body> closes it too.
    expect(screen.getByRole("alertdialog").contains(document.activeElement)).toBe(true);
    (document.activeElement as HTMLElement | null)?.blur();
    fireEvent.keyDown(document.body, { key: "Escape" });
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});
