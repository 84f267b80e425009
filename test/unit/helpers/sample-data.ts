/** Realistic run data for unit tests, modelled on the HubSpot fixture (Brightline Analytics). */
import type { Deal, PoolMemberView, TemplateView } from "../../../durable/types";

export function sampleDeal(overrides: Partial<Deal> = {}): Deal {
  return {
    source: "hubspot",
    objectId: "24587310912",
    url: "https://app.hubspot.com/contacts/1/deal/24587310912",
    name: "Brightline Analytics — Growth",
    amount: 48000,
    arr: 48000,
    currency: "USD",
    stage: "closedwon",
    pipeline: "default",
    closeDate: "2026-03-27",
    plan: "growth",
    segment: "Mid-Market",
    company: {
      name: "Brightline Analytics",
      domain: "brightline.example.com",
      industry: "software",
      employees: 240,
      country: "US",
      region: "NA-West",
    },
    primaryContact: { name: "Maya Okafor", email: "maya.okafor@brightline.example.com" },
    owner: { name: "Jordan Reyes", email: "jordan.reyes@example.com" },
    properties: { plan_tier: "growth" },
    ...overrides,
  };
}

export function member(userId: string, overrides: Partial<PoolMemberView> = {}): PoolMemberView {
  const name = userId.charAt(0).toUpperCase() + userId.slice(1);
  return {
    userId,
    name,
    email: `${userId}@example.com`,
    weight: 1,
    capacity: null,
    outOfOffice: false,
    active: true,
    activeAccounts: 0,
    ...overrides,
  };
}

export const enterpriseTemplate: TemplateView = {
  id: "tpl-enterprise",
  name: "Enterprise onboarding",
  description: "White-glove, 90 days",
  milestones: [
    { name: "Kickoff", offsetDays: 3, tasks: [{ title: "Kickoff call", owner: "csm", offsetDays: 3 }, { title: "Share admin list", owner: "customer", offsetDays: 5 }] },
    { name: "Go-live", offsetDays: 30, tasks: [{ title: "SSO configured", owner: "customer", offsetDays: 20 }] },
  ],
};

export const standardTemplate: TemplateView = {
  id: "tpl-standard",
  name: "Standard onboarding",
  description: null,
  milestones: [{ name: "Welcome", offsetDays: 1, tasks: [{ title: "Welcome call", owner: "csm", offsetDays: 1 }] }],
};
