import type { TemplateMilestone } from "../db/schema";

/**
 * The two demo onboarding templates: a white-glove enterprise plan and a lighter standard one. A
 * milestone's day is its due day, so it is never before the last of its tasks.
 */
export const DEMO_TEMPLATES: { key: string; name: string; description: string; milestones: TemplateMilestone[] }[] = [
  {
    key: "enterprise",
    name: "Enterprise onboarding",
    description: "White-glove, 90-day plan for accounts from $100k ARR: kickoff, technical integration, training and executive review.",
    milestones: [
      {
        name: "Kickoff",
        offsetDays: 5,
        tasks: [
          { title: "Send welcome pack and kickoff agenda", owner: "csm", offsetDays: 0 },
          { title: "Hold kickoff call with sponsors", owner: "csm", offsetDays: 3 },
          { title: "Share success criteria and stakeholders", owner: "customer", offsetDays: 5 },
        ],
      },
      {
        name: "Technical integration",
        offsetDays: 21,
        tasks: [
          { title: "Configure SSO and provisioning", owner: "customer", offsetDays: 10 },
          { title: "Connect data sources", owner: "customer", offsetDays: 14 },
          { title: "Integration review with solutions engineer", owner: "csm", offsetDays: 21 },
        ],
      },
      {
        name: "Training",
        offsetDays: 45,
        tasks: [
          { title: "Admin training session", owner: "csm", offsetDays: 30 },
          { title: "End-user training rollout", owner: "customer", offsetDays: 45 },
        ],
      },
      { name: "Executive business review", offsetDays: 90, tasks: [{ title: "Present adoption and ROI review", owner: "csm", offsetDays: 90 }] },
    ],
  },
  {
    key: "standard",
    name: "Standard onboarding",
    description: "Guided 30-day plan for SMB and mid-market accounts.",
    milestones: [
      {
        name: "Welcome",
        offsetDays: 2,
        tasks: [
          { title: "Send welcome e-mail with setup guide", owner: "csm", offsetDays: 0 },
          { title: "Invite the team", owner: "customer", offsetDays: 2 },
        ],
      },
      {
        name: "Setup",
        offsetDays: 10,
        tasks: [
          { title: "Complete workspace setup checklist", owner: "customer", offsetDays: 7 },
          { title: "Setup check-in call", owner: "csm", offsetDays: 10 },
        ],
      },
      { name: "First value", offsetDays: 30, tasks: [{ title: "30-day health check", owner: "csm", offsetDays: 30 }] },
    ],
  },
];
