export { Tabs, tabId, tabPanelId, type TabItem, type TabsProps } from "./tabs";
