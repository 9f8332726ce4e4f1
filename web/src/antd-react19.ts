import { unstableSetRender } from 'antd';
import { createRoot, type Root } from 'react-dom/client';

/**
 * antd 5 renders some effects (wave, static message/modal) with the legacy ReactDOM.render,
 * which React 19 removed. This is what @ant-design/v5-patch-for-react-19 does.
 */
type RootHost = (Element | DocumentFragment) & { __siyuRoot?: Root };

unstableSetRender((node, container) => {
  const host = container as RootHost;
  host.__siyuRoot ??= createRoot(host);
  const root = host.__siyuRoot;
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    delete host.__siyuRoot;
  };
});
