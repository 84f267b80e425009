import { describe, expect, it } from "vitest";
import { ApiError } from "../../web/lib/api";
import { errorsFromPoolFailure } from "../../web/pages/team/pool-dialog";
import { draftFromPool, toPoolInput, validatePool } from "../../web/pages/team/pool-form";

const row = (userId: string, weight = "1", capacity = "") => ({ key: Math.random(), userId, weight, capacity });

describe("pool form", () => {
  it("requires a name, a user per row, no duplicates, weight ≥ 1 and a whole capacity", () => {
    const errors = validatePool({
      name: "  ",
      members: [row(""), row("u1", "0"), row("u1", "2", "1.5"), row("u2", "3", "-1")],
    });
    expect(errors).toEqual({
      name: "Give the pool a name.",
      "members.0.userId": "Choose a user.",
      "members.1.weight": "A whole number from 1 to 1000.",
      "members.2.userId": "This user is already in the pool.",
      "members.2.capacity": "A whole number, or empty for unlimited.",
      "members.3.capacity": "A whole number, or empty for unlimited.",
    });
  });

  it("sends numbers, with an empty capacity as null (unlimited)", () => {
    const draft = { name: " Senior CSMs ", members: [row("u1", "3", ""), row("u2", "1", "12")] };
    expect(validatePool(draft)).toEqual({});
    expect(toPoolInput(draft)).toEqual({
      name: "Senior CSMs",
      members: [
        { userId: "u1", weight: 3, capacity: null },
        { userId: "u2", weight: 1, capacity: 12 },
      ],
    });
  });

  it("round-trips an existing pool", () => {
    const pool = { id: "p1", name: "General", members: [{ userId: "u1", weight: 2, capacity: null }, { userId: "u2", weight: 1, capacity: 0 }] };
    expect(toPoolInput(draftFromPool(pool))).toEqual({ name: "General", members: pool.members });
  });

  it("maps server answers onto the form", () => {
    const invalid = new ApiError(422, "validation_failed", "Some members are not users.", [{ path: "members.1.userId", message: "No such user." }]);
    expect(errorsFromPoolFailure(invalid)).toEqual({ "members.1.userId": "No such user." });
    expect(errorsFromPoolFailure(new ApiError(409, "name_taken", "A pool with that name exists."))).toEqual({ name: "A pool with that name exists." });
    expect(errorsFromPoolFailure(new ApiError(500, "internal_error", "Boom"))).toEqual({ form: "Boom" });
  });
});
