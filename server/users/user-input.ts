import { z } from "zod";

// Length is what matters (NIST 800-63B); the extra checks catch the obvious
// keyboard walks and repeats that pass a length rule.
export const Password = z
  .string()
  .min(10, "use at least 10 characters")
  .max(256, "use at most 256 characters")
  .refine((p) => new Set(p).size >= 5, "use more different characters")
  .refine((p) => !/^(?:0123456789|1234567890|qwertyuiop|password\d*)/i.test(p), "choose a less common password");

export const Role = z.enum(["admin", "support", "owner", "member"]);

export const CreateUserInput = z
  .strictObject({
    email: z.email("enter a valid email address").max(254),
    name: z.string().trim().min(1, "enter a name").max(100),
    password: Password,
    role: Role,
    tenantId: z.string().max(64).nullable().optional(),
  })
  .meta({ id: "CreateUserInput" });
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    role: Role.optional(),
    disabled: z.boolean().optional(),
    password: Password.optional(),
  })
  .meta({ id: "UpdateUserInput" });
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;
