package lsmdb.core;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.InstanceAlreadyExistsException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.ReflectionException;
import lsmdb.core.io.RealFileSystem;
import lsmdb.core.version.Version;

/**
 * The JMX view of one open database (SPEC §8): {@code lsmdb:type=Database,name=<directory or mem:NAME>}, with every
 * numeric engine property as a read-only attribute ({@code lsmdb.flush-count} becomes {@code FlushCount}) and
 * {@code flush}, {@code compact} and {@code checkpoint(String)} as operations. Registered at open, unregistered at
 * close; a failure to register (no platform server, a security manager) never fails the open.
 */
final class DbMBean implements DynamicMBean {

    /** Properties that are text, or templates, rather than one number. */
    private static final List<String> NOT_NUMERIC = List.of("lsmdb.stats", "lsmdb.property-names",
            "lsmdb.preallocated-log", "lsmdb.live-tables");
    private static final List<String> FRACTIONS = List.of("lsmdb.write-amplification", "lsmdb.block-cache-hit-ratio");

    private final LsmDb db;
    /** Attribute name to the property it reads, in a stable order. */
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final MBeanInfo info;
    private ObjectName registeredAs;

    private DbMBean(LsmDb db) {
        this.db = db;
        List<MBeanAttributeInfo> infos = new ArrayList<>();
        infos.add(new MBeanAttributeInfo("Directory", "java.lang.String", "the database directory", true, false, false));
        for (String property : propertyNames()) {
            String attribute = attributeName(property);
            attributes.put(attribute, property);
            infos.add(new MBeanAttributeInfo(attribute, isFraction(property) ? "java.lang.Double" : "java.lang.Long",
                    "engine property " + property, true, false, false));
        }
        MBeanOperationInfo[] ops = {
            new MBeanOperationInfo("flush", "write the memtable to a table and wait", new MBeanParameterInfo[0],
                    "void", MBeanOperationInfo.ACTION),
            new MBeanOperationInfo("compact", "compact the whole database and wait", new MBeanParameterInfo[0],
                    "void", MBeanOperationInfo.ACTION),
            new MBeanOperationInfo("checkpoint", "write a consistent copy into a new or empty directory",
                    new MBeanParameterInfo[] {new MBeanParameterInfo("destination", "java.lang.String",
                            "the backup directory")}, "void", MBeanOperationInfo.ACTION)};
        this.info = new MBeanInfo(DbMBean.class.getName(), "an open lsmdb database",
                infos.toArray(new MBeanAttributeInfo[0]), null, ops, null);
    }

    /** Registers the database's MBean; null if JMX is unavailable. */
    static DbMBean register(LsmDb db, Options options) {
        try {
            DbMBean bean = new DbMBean(db);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            String name = displayName(db.directory(), options);
            for (int n = 1; ; n++) {
                ObjectName on = new ObjectName("lsmdb", new java.util.Hashtable<>(Map.of("type", "Database",
                        "name", ObjectName.quote(n == 1 ? name : name + " (" + n + ")"))));
                try {
                    server.registerMBean(bean, on);
                    bean.registeredAs = on;
                    return bean;
                } catch (InstanceAlreadyExistsException taken) {
                    // two databases with one name in this JVM (in-memory ones in tests): number the later ones
                }
            }
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    void unregister() {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(registeredAs);
        } catch (Exception ignored) {
            // already gone
        }
    }

    ObjectName objectName() {
        return registeredAs;
    }

    private static String displayName(Path dir, Options options) {
        return options.fileSystem() == RealFileSystem.INSTANCE || dir.getFileName() == null ? dir.toString()
                : "mem:" + dir.getFileName();
    }

    private static List<String> propertyNames() {
        List<String> out = new ArrayList<>();
        for (String p : DbProperties.NAMES) {
            if (NOT_NUMERIC.contains(p)) {
                continue;
            }
            if (p.endsWith("<N>")) {
                for (int level = 0; level < Version.NUM_LEVELS; level++) {
                    out.add(p.replace("<N>", Integer.toString(level)));
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static boolean isFraction(String property) {
        return FRACTIONS.contains(property) || property.startsWith("lsmdb.score-at-level");
    }

    /** {@code lsmdb.num-files-at-level0} → {@code NumFilesAtLevel0}. */
    static String attributeName(String property) {
        StringBuilder sb = new StringBuilder();
        for (String part : property.substring("lsmdb.".length()).split("-")) {
            sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
        if (attribute.equals("Directory")) {
            return db.directory().toString();
        }
        String property = attributes.get(attribute);
        if (property == null) {
            throw new AttributeNotFoundException(attribute);
        }
        String value = db.property(property);
        if (value == null) {
            return null;
        }
        // Properties format fractions with the default locale, which may use a decimal comma.
        String number = value.trim().replace(',', '.');
        return isFraction(property) ? (Object) Double.parseDouble(number) : (Object) Long.parseLong(number);
    }

    @Override
    public AttributeList getAttributes(String[] names) {
        AttributeList list = new AttributeList();
        for (String n : names) {
            try {
                list.add(new Attribute(n, getAttribute(n)));
            } catch (AttributeNotFoundException | RuntimeException skipped) {
                // JMX: attributes that cannot be read are left out of the list
            }
        }
        return list;
    }

    @Override
    public Object invoke(String action, Object[] params, String[] signature) throws MBeanException, ReflectionException {
        try {
            switch (action.toLowerCase(Locale.ROOT)) {
                case "flush" -> db.flush();
                case "compact" -> db.compactRange(null, null);
                case "checkpoint" -> {
                    if (params == null || params.length != 1 || !(params[0] instanceof String dest)) {
                        throw new IllegalArgumentException("checkpoint takes one String: the destination directory");
                    }
                    db.checkpoint(Path.of(dest));
                }
                default -> throw new ReflectionException(new NoSuchMethodException(action), "no operation " + action);
            }
            return null;
        } catch (java.io.IOException | RuntimeException e) {
            // Only JDK exception types cross JMX, so that a remote console without lsmdb's classes can show them.
            throw new MBeanException(new Exception(action + " failed: " + e.getMessage()), e.getMessage());
        }
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException(attribute.getName() + " is read-only");
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return info;
    }
}
