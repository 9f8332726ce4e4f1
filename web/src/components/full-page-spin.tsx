import { Flex, Spin } from 'antd';

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh', width: '100%' }}>
      <Spin size="large" />
    </Flex>
  );
}
