// The navigation on a phone: the side bar's menu in a drawer. Loaded only on narrow screens, so the desk's
// first load does not carry it.
import { Drawer } from "antd";
import type { ReactNode } from "react";

export default function NavDrawer(props: { open: boolean; title: string; onClose(): void; children: ReactNode }) {
  return (
    <Drawer
      open={props.open}
      onClose={props.onClose}
      placement="left"
      size={220}
      title={props.title}
      styles={{ body: { padding: 0 } }}
    >
      {props.children}
    </Drawer>
  );
}
